namespace Inertia.Cli.Ratings;

/// <summary>
/// The optimizers the race knows, with the chapter's hyperparameters (Géron 11.3) as defaults and
/// the book's table of ratings. Every run passes these settings explicitly, so the race does not
/// depend on the library's own defaults (Keras's SGD default is 0.01 for momentum too; the chapter
/// uses 0.001 there).
/// </summary>
internal static class OptimizerCatalog
{
    /// <summary>The nine optimizers of the chapter's table, in its order: the default race.</summary>
    public static readonly IReadOnlyList<string> ChapterNames = ["sgd", "momentum", "nag", "adagrad", "rmsprop", "adam", "adamax", "nadam", "adamw"];

    /// <summary>Every name <c>--optimizers</c> accepts.</summary>
    public static readonly IReadOnlyList<string> AllNames = [.. ChapterNames, "radam", "adadelta", "lion"];

    private static readonly Dictionary<string, IReadOnlyDictionary<string, object>> Defaults = new(StringComparer.Ordinal)
    {
        ["sgd"] = new Dictionary<string, object> { ["learningRate"] = 0.01 },
        ["momentum"] = new Dictionary<string, object> { ["learningRate"] = 0.001, ["momentum"] = 0.9 },
        ["nag"] = new Dictionary<string, object> { ["learningRate"] = 0.001, ["momentum"] = 0.9, ["nesterov"] = true },
        ["adagrad"] = new Dictionary<string, object> { ["learningRate"] = 0.001 },
        ["rmsprop"] = new Dictionary<string, object> { ["learningRate"] = 0.001, ["rho"] = 0.9 },
        ["adam"] = new Dictionary<string, object> { ["learningRate"] = 0.001, ["beta1"] = 0.9, ["beta2"] = 0.999 },
        ["adamax"] = new Dictionary<string, object> { ["learningRate"] = 0.001 },
        ["nadam"] = new Dictionary<string, object> { ["learningRate"] = 0.001 },
        ["adamw"] = new Dictionary<string, object> { ["learningRate"] = 0.001 },
        ["radam"] = new Dictionary<string, object> { ["learningRate"] = 0.001 },
        ["adadelta"] = new Dictionary<string, object> { ["learningRate"] = 0.001 },
        ["lion"] = new Dictionary<string, object> { ["learningRate"] = 0.001 },
    };

    private static readonly Dictionary<string, BookRating> Book = new(StringComparer.Ordinal)
    {
        ["sgd"] = new([1], [3]),
        ["momentum"] = new([2], [3]),
        ["nag"] = new([2], [3]),
        ["adagrad"] = new([3], [1], "stops too early"),
        ["rmsprop"] = new([3], [2, 3]),
        ["adam"] = new([3], [2, 3]),
        ["adamax"] = new([3], [2, 3]),
        ["nadam"] = new([3], [2, 3]),
        ["adamw"] = new([3], [2, 3]),
    };

    private static readonly Dictionary<string, string> DisplayNames = new(StringComparer.Ordinal)
    {
        ["sgd"] = "SGD", ["momentum"] = "Momentum", ["nag"] = "NAG", ["adagrad"] = "AdaGrad",
        ["rmsprop"] = "RMSprop", ["adam"] = "Adam", ["adamax"] = "AdaMax", ["nadam"] = "Nadam",
        ["adamw"] = "AdamW", ["radam"] = "RAdam", ["adadelta"] = "Adadelta", ["lion"] = "Lion",
    };

    public static bool IsKnown(string name) => Defaults.ContainsKey(name);

    /// <summary>A copy of the chapter's settings for <paramref name="name"/>.</summary>
    public static SortedDictionary<string, object> ChapterSettings(string name) => new(Defaults[name].ToDictionary(), StringComparer.Ordinal);

    /// <summary>The book's rating, or null for optimizers the chapter's table does not list.</summary>
    public static BookRating? BookRatingOf(string name) => Book.GetValueOrDefault(name);

    public static string DisplayName(string name) => DisplayNames.GetValueOrDefault(name, name);
}
