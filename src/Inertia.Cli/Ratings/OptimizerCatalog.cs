using Inertia.Optimizers;

namespace Inertia.Cli.Ratings;

/// <summary>
/// The optimizers the race knows: every optimizer the library's registry
/// (<see cref="OptimizerFactory.Names"/>) creates, with its display name from there, and what only
/// the race needs: a plot colour, the chapter's hyperparameters (Géron 11.3) as defaults and the
/// book's table of ratings. Every run passes these settings explicitly, so the race does not depend
/// on the library's own defaults (Keras's SGD default is 0.01 for momentum too; the chapter uses
/// 0.001 there). An optimizer registered in the library without a line here still races: it gets
/// a colour of its own from <see cref="SpareColours"/>, the library's defaults and no book rating.
/// </summary>
internal static class OptimizerCatalog
{
    /// <summary>One optimizer of the race.</summary>
    /// <param name="Name">The factory name (<see cref="OptimizerFactory.Names"/>).</param>
    /// <param name="DisplayName">How reports and the console spell it (<see cref="OptimizerFactory.DisplayName"/>).</param>
    /// <param name="Colour">Its colour in every plot and report, as #rrggbb.</param>
    /// <param name="Chapter">Whether it is in the chapter's table (and so in the default race).</param>
    /// <param name="Settings">The chapter's hyperparameters.</param>
    /// <param name="Book">The book's rating, or null where the chapter's table does not list it.</param>
    internal sealed record Entry(string Name, string DisplayName, string Colour, bool Chapter, IReadOnlyDictionary<string, object> Settings, BookRating? Book);

    private sealed record RaceLine(string Colour, bool Chapter, IReadOnlyDictionary<string, object> Settings, BookRating? Book);

    // The chapter's nine first, in its table's order.
    private static readonly Dictionary<string, RaceLine> RaceLines = new(StringComparer.Ordinal)
    {
        ["sgd"] = new("#7f7f7f", true, Settings(("learningRate", 0.01)), new([1], [3])),
        ["momentum"] = new("#1f77b4", true, Settings(("learningRate", 0.001), ("momentum", 0.9)), new([2], [3])),
        ["nag"] = new("#17becf", true, Settings(("learningRate", 0.001), ("momentum", 0.9), ("nesterov", true)), new([2], [3])),
        ["adagrad"] = new("#d62728", true, Settings(("learningRate", 0.001)), new([3], [1], "stops too early")),
        ["rmsprop"] = new("#ff7f0e", true, Settings(("learningRate", 0.001), ("rho", 0.9)), new([3], [2, 3])),
        ["adam"] = new("#2ca02c", true, Settings(("learningRate", 0.001), ("beta1", 0.9), ("beta2", 0.999)), new([3], [2, 3])),
        ["adamax"] = new("#bcbd22", true, Settings(("learningRate", 0.001)), new([3], [2, 3])),
        ["nadam"] = new("#9467bd", true, Settings(("learningRate", 0.001)), new([3], [2, 3])),
        ["adamw"] = new("#8c564b", true, Settings(("learningRate", 0.001)), new([3], [2, 3])),
        ["radam"] = new("#e377c2", false, Settings(("learningRate", 0.001)), null),
        ["adadelta"] = new("#393b79", false, Settings(("learningRate", 0.001)), null),
        ["lion"] = new("#637939", false, Settings(("learningRate", 0.001)), null),
    };

    /// <summary>Colours, none used above, for registered optimizers the race has no line for, in registry order.</summary>
    internal static readonly IReadOnlyList<string> SpareColours = ["#843c39", "#5254a3", "#8ca252", "#bd9e39", "#ad494a", "#a55194", "#6b6ecf", "#e7ba52"];

    /// <summary>Every optimizer, the chapter's nine first in its table's order, then the others in registry order.</summary>
    public static readonly IReadOnlyList<Entry> Entries = Build();

    private static readonly Dictionary<string, Entry> ByName = Entries.ToDictionary(e => e.Name, StringComparer.Ordinal);

    /// <summary>The nine optimizers of the chapter's table, in its order: the default race.</summary>
    public static readonly IReadOnlyList<string> ChapterNames = [.. Entries.Where(e => e.Chapter).Select(e => e.Name)];

    /// <summary>Every name <c>--optimizers</c> accepts.</summary>
    public static readonly IReadOnlyList<string> AllNames = [.. Entries.Select(e => e.Name)];

    public static bool IsKnown(string name) => ByName.ContainsKey(name);

    /// <summary>The entry of <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The race knows no such optimizer.</exception>
    public static Entry Of(string name) => ByName[name];

    /// <summary>A copy of the chapter's settings for <paramref name="name"/>.</summary>
    public static SortedDictionary<string, object> ChapterSettings(string name) => new(Of(name).Settings.ToDictionary(), StringComparer.Ordinal);

    /// <summary>The book's rating, or null for optimizers the chapter's table does not list.</summary>
    public static BookRating? BookRatingOf(string name) => ByName.GetValueOrDefault(name)?.Book;

    public static string DisplayName(string name) => ByName.GetValueOrDefault(name)?.DisplayName ?? name;

    private static Entry[] Build()
    {
        int spare = 0;
        var entries = OptimizerFactory.Names.Select(name => RaceLines.TryGetValue(name, out var line)
            ? new Entry(name, OptimizerFactory.DisplayName(name), line.Colour, line.Chapter, line.Settings, line.Book)
            : new Entry(name, OptimizerFactory.DisplayName(name), SpareColours[spare++ % SpareColours.Count], false, Settings(), null));
        var order = RaceLines.Keys.ToList();
        return [.. entries.OrderBy(e => order.IndexOf(e.Name) is var i and >= 0 ? i : order.Count)];
    }

    private static IReadOnlyDictionary<string, object> Settings(params (string Key, object Value)[] settings) =>
        settings.ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
}
