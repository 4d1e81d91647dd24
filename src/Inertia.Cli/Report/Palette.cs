using Inertia.Cli.Ratings;

namespace Inertia.Cli.Report;

/// <summary>One fixed colour per optimizer (its <see cref="OptimizerCatalog"/> entry), so an optimizer has the same colour in every plot and report.</summary>
internal static class Palette
{
    /// <exception cref="KeyNotFoundException">The race knows no such optimizer.</exception>
    public static string Hex(string optimizer) => OptimizerCatalog.Of(optimizer).Colour;

    public static ScottPlot.Color Of(string optimizer) => ScottPlot.Color.FromHex(Hex(optimizer));
}
