using ScottPlot;

namespace Inertia.Cli.Report;

/// <summary>
/// A line pattern, width and marker per optimizer beside its <see cref="Palette"/> color, so that
/// optimizers whose curves coincide (SGD, AdaGrad, momentum and NAG at the chapter's small rates;
/// Adam, RMSprop, AdaMax, Nadam and AdamW) stay apart: in each such family one line is wide and
/// solid and the others narrower and patterned, drawn widest first, and every one has its own marker.
/// </summary>
internal static class LineStyles
{
    public sealed record Style(string Pattern, float Width, MarkerShape Marker)
    {
        /// <summary>The SVG stroke-dasharray of the pattern at this width (the plots' and the legend's).</summary>
        public string DashArray => DashArrayAt(Width);

        public string DashArrayAt(float width) => Pattern switch
        {
            "dashed" => $"{N(4 * width)} {N(2 * width)}",
            "dotted" => $"{N(width)} {N(1.6 * width)}",
            "densely-dashed" => $"{N(2.5 * width)} {N(1.2 * width)}",
            "dash-dot" => $"{N(4 * width)} {N(1.5 * width)} {N(width)} {N(1.5 * width)}",
            _ => "none",
        };

        private static string N(double v) => v.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static readonly Dictionary<string, Style> Styles = new(StringComparer.Ordinal)
    {
        ["sgd"] = new("solid", 5f, MarkerShape.FilledCircle),
        ["adagrad"] = new("densely-dashed", 3.5f, MarkerShape.FilledDiamond),
        ["momentum"] = new("dashed", 2.5f, MarkerShape.OpenSquare),
        ["nag"] = new("dotted", 1.8f, MarkerShape.FilledTriangleUp),
        ["adam"] = new("solid", 5f, MarkerShape.FilledSquare),
        ["rmsprop"] = new("densely-dashed", 3.5f, MarkerShape.OpenCircle),
        ["adamax"] = new("dash-dot", 3f, MarkerShape.OpenDiamond),
        ["nadam"] = new("dashed", 2.5f, MarkerShape.OpenTriangleUp),
        ["adamw"] = new("dotted", 1.8f, MarkerShape.FilledCircle),
        ["radam"] = new("dashed", 2f, MarkerShape.Asterisk),
        ["adadelta"] = new("dash-dot", 2f, MarkerShape.OpenSquare),
        ["lion"] = new("dotted", 2.5f, MarkerShape.FilledDiamond),
    };

    /// <summary>
    /// The color a patterned line is drawn in before <see cref="ApplyPatterns"/>: the palette's
    /// with the lowest blue bit flipped, so the line's SVG path can be told from its markers.
    /// SkiaSharp's SVG canvas drops dash effects ("Unsupported path effect"), so the pattern is
    /// written into the SVG afterwards.
    /// </summary>
    public static Color LineColor(string optimizer)
    {
        var c = Palette.Of(optimizer);
        return Of(optimizer).Pattern == "solid" ? c : new Color(c.R, c.G, (byte)(c.B ^ 1));
    }

    /// <summary>Gives every patterned line in <paramref name="svg"/> its real color and its dash pattern.</summary>
    public static string ApplyPatterns(string svg, IEnumerable<(string Optimizer, float Width)> lines)
    {
        foreach (var (optimizer, width) in lines)
        {
            var style = Of(optimizer);
            if (style.Pattern == "solid") continue;
            string tagged = $"stroke=\"{LineColor(optimizer).ToHex()[..7]}\"";
            svg = svg.Replace(tagged, $"stroke=\"{Palette.Hex(optimizer).ToUpperInvariant()}\" stroke-dasharray=\"{style.DashArrayAt(width)}\"", StringComparison.OrdinalIgnoreCase);
        }
        return svg;
    }

    public static Style Of(string optimizer) => Styles.GetValueOrDefault(optimizer, new Style("solid", 2f, MarkerShape.FilledCircle));

    /// <summary>The optimizers in drawing order: widest line first, so a thinner one on top leaves the wider one's color showing.</summary>
    public static IEnumerable<T> WidestFirst<T>(IEnumerable<T> items, Func<T, string> optimizer) =>
        items.Select((item, i) => (item, i)).OrderByDescending(p => Of(optimizer(p.item)).Width).ThenBy(p => p.i).Select(p => p.item);
}
