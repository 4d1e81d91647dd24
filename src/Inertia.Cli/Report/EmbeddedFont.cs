using ScottPlot;
using SkiaSharp;

namespace Inertia.Cli.Report;

/// <summary>
/// Makes ScottPlot measure and draw text with the DejaVu Sans shipped inside this assembly, so
/// plots lay out the same on a machine with no fonts installed (Skia's Linux build used here
/// does not read the system's fonts through fontconfig).
/// </summary>
internal sealed class EmbeddedFont : IFontResolver
{
    public const string Family = "DejaVu Sans";

    /// <summary>The CSS font stack written into SVG text, for browsers without DejaVu Sans.</summary>
    public const string CssStack = "DejaVu Sans, Verdana, Arial, sans-serif";

    private static readonly Lock Gate = new();
    private static SKTypeface? _typeface;

    public static void Install()
    {
        lock (Gate)
        {
            if (_typeface is not null) return;
            using var stream = typeof(EmbeddedFont).Assembly.GetManifestResourceStream("Inertia.Cli.Fonts.DejaVuSans.ttf")
                ?? throw new InvalidOperationException("The embedded font Inertia.Cli.Fonts.DejaVuSans.ttf is missing from the assembly.");
            _typeface = SKTypeface.FromStream(stream)
                ?? throw new InvalidOperationException("Skia could not read the embedded DejaVu Sans font.");
            Fonts.FontResolvers.Insert(0, new EmbeddedFont());
            Fonts.Default = Family;
            Fonts.Sans = Family;
        }
    }

    // Every family maps to the one shipped font: plots ask only for the defaults set above, and a
    // request for anything else must not fall through to a system lookup that may find nothing.
    public SKTypeface CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) => _typeface!;

    public SKTypeface CreateTypeface(string fontName, bool bold, bool italic) => _typeface!;
}
