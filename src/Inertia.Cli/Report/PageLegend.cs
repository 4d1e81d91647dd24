using System.Globalization;
using System.Net;
using System.Text;
using Inertia.Cli.Ratings;
using ScottPlot;

namespace Inertia.Cli.Report;

/// <summary>
/// The page's one legend: each optimizer's color, line pattern and marker as the plots draw them,
/// plus the trajectory plots' symbols. The plots themselves carry none, so they keep their width.
/// </summary>
internal static class PageLegend
{
    public static void Write(StringBuilder h, IEnumerable<string> optimizers, bool trajectories)
    {
        h.Append("<div class=\"legend\" role=\"list\" aria-label=\"legend\">");
        foreach (string o in optimizers)
        {
            var style = LineStyles.Of(o);
            string color = Palette.Hex(o);
            h.Append("<span class=\"key\" role=\"listitem\" data-optimizer=\"").Append(WebUtility.HtmlEncode(o)).Append("\"><svg width=\"46\" height=\"14\" aria-hidden=\"true\">")
             .Append("<line x1=\"2\" y1=\"7\" x2=\"44\" y2=\"7\" stroke=\"").Append(color).Append("\" stroke-width=\"").Append(N(Math.Min(style.Width, 3.5f)))
             .Append("\" stroke-dasharray=\"").Append(style.DashArray).Append("\"/>");
            Marker(h, style.Marker, color, 23, 7);
            h.Append("</svg>").Append(WebUtility.HtmlEncode(OptimizerCatalog.DisplayName(o))).Append("</span>");
        }
        if (trajectories)
            h.Append("<span class=\"key symbols\">paths: □ start, × minimum, ▲ where a path leaves the frame</span>");
        h.Append("</div>\n");
    }

    private static void Marker(StringBuilder h, MarkerShape shape, string color, double x, double y)
    {
        string name = shape.ToString();
        bool open = name.StartsWith("Open", StringComparison.Ordinal);
        string paint = open ? $"fill=\"white\" stroke=\"{color}\" stroke-width=\"1.5\"" : $"fill=\"{color}\"";
        string svg = name switch
        {
            _ when name.EndsWith("Square", StringComparison.Ordinal) => $"<rect x=\"{N(x - 4)}\" y=\"{N(y - 4)}\" width=\"8\" height=\"8\" {paint}/>",
            _ when name.EndsWith("TriangleUp", StringComparison.Ordinal) => $"<polygon points=\"{N(x)},{N(y - 5)} {N(x + 5)},{N(y + 4)} {N(x - 5)},{N(y + 4)}\" {paint}/>",
            _ when name.EndsWith("Diamond", StringComparison.Ordinal) => $"<polygon points=\"{N(x)},{N(y - 5)} {N(x + 5)},{N(y)} {N(x)},{N(y + 5)} {N(x - 5)},{N(y)}\" {paint}/>",
            "Asterisk" => $"<path d=\"M{N(x - 4)} {N(y)}H{N(x + 4)}M{N(x)} {N(y - 4)}V{N(y + 4)}M{N(x - 3)} {N(y - 3)}L{N(x + 3)} {N(y + 3)}M{N(x - 3)} {N(y + 3)}L{N(x + 3)} {N(y - 3)}\" stroke=\"{color}\" stroke-width=\"1.5\"/>",
            _ => $"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"4\" {paint}/>",
        };
        h.Append(svg);
    }

    private static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
