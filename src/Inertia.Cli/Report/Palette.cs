namespace Inertia.Cli.Report;

/// <summary>One fixed color per optimizer, so an optimizer has the same color in every plot and report.</summary>
internal static class Palette
{
    private static readonly Dictionary<string, string> Colors = new(StringComparer.Ordinal)
    {
        ["sgd"] = "#7f7f7f", ["momentum"] = "#1f77b4", ["nag"] = "#17becf", ["adagrad"] = "#d62728",
        ["rmsprop"] = "#ff7f0e", ["adam"] = "#2ca02c", ["adamax"] = "#bcbd22", ["nadam"] = "#9467bd",
        ["adamw"] = "#8c564b", ["radam"] = "#e377c2", ["adadelta"] = "#393b79", ["lion"] = "#637939",
    };

    public static string Hex(string optimizer) => Colors.GetValueOrDefault(optimizer, "#000000");

    public static ScottPlot.Color Of(string optimizer) => ScottPlot.Color.FromHex(Hex(optimizer));
}
