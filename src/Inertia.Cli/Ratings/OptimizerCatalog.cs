using Inertia.Optimizers;

namespace Inertia.Cli.Ratings;

/// <summary>
/// The optimizers the race knows, one entry each: the display name, the plot colour, the
/// chapter's hyperparameters (Géron 11.3) as defaults and the book's table of ratings. Every run
/// passes these settings explicitly, so the race does not depend on the library's own defaults
/// (Keras's SGD default is 0.01 for momentum too; the chapter uses 0.001 there). A test checks that
/// every name the library's factory accepts has an entry here, so a new optimizer cannot reach the
/// race with a black curve and a lower-case name.
/// </summary>
internal static class OptimizerCatalog
{
    /// <summary>One optimizer of the race.</summary>
    /// <param name="Name">The factory name (<see cref="OptimizerFactory.Names"/>).</param>
    /// <param name="DisplayName">How reports and the console spell it.</param>
    /// <param name="Colour">Its colour in every plot and report, as #rrggbb.</param>
    /// <param name="Chapter">Whether it is in the chapter's table (and so in the default race).</param>
    /// <param name="Settings">The chapter's hyperparameters.</param>
    /// <param name="Book">The book's rating, or null where the chapter's table does not list it.</param>
    internal sealed record Entry(string Name, string DisplayName, string Colour, bool Chapter, IReadOnlyDictionary<string, object> Settings, BookRating? Book);

    /// <summary>Every optimizer, the chapter's nine first in its table's order.</summary>
    public static readonly IReadOnlyList<Entry> Entries =
    [
        new("sgd", "SGD", "#7f7f7f", true, Settings(("learningRate", 0.01)), new([1], [3])),
        new("momentum", "Momentum", "#1f77b4", true, Settings(("learningRate", 0.001), ("momentum", 0.9)), new([2], [3])),
        new("nag", "NAG", "#17becf", true, Settings(("learningRate", 0.001), ("momentum", 0.9), ("nesterov", true)), new([2], [3])),
        new("adagrad", "AdaGrad", "#d62728", true, Settings(("learningRate", 0.001)), new([3], [1], "stops too early")),
        new("rmsprop", "RMSprop", "#ff7f0e", true, Settings(("learningRate", 0.001), ("rho", 0.9)), new([3], [2, 3])),
        new("adam", "Adam", "#2ca02c", true, Settings(("learningRate", 0.001), ("beta1", 0.9), ("beta2", 0.999)), new([3], [2, 3])),
        new("adamax", "AdaMax", "#bcbd22", true, Settings(("learningRate", 0.001)), new([3], [2, 3])),
        new("nadam", "Nadam", "#9467bd", true, Settings(("learningRate", 0.001)), new([3], [2, 3])),
        new("adamw", "AdamW", "#8c564b", true, Settings(("learningRate", 0.001)), new([3], [2, 3])),
        new("radam", "RAdam", "#e377c2", false, Settings(("learningRate", 0.001)), null),
        new("adadelta", "Adadelta", "#393b79", false, Settings(("learningRate", 0.001)), null),
        new("lion", "Lion", "#637939", false, Settings(("learningRate", 0.001)), null),
    ];

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

    private static IReadOnlyDictionary<string, object> Settings(params (string Key, object Value)[] settings) =>
        settings.ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
}
