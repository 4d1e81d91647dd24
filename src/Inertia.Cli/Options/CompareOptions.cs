using Inertia.Cli.Ratings;

namespace Inertia.Cli.Options;

/// <summary>Everything <c>inertia compare</c> was asked to do, validated.</summary>
internal sealed record CompareOptions(
    DataOptions Data,
    IReadOnlyList<string> Optimizers,
    IReadOnlyDictionary<string, SortedDictionary<string, object>> Settings,
    int Epochs,
    int BatchSize,
    ModelOptions Model,
    int Seeds,
    ulong Seed,
    double TargetAccuracy,
    string OutDirectory,
    int? Threads,
    bool Quiet,
    bool Trajectories,
    Inertia.Gpu.Device Device)
{
    public const int DefaultEpochs = 5;
    public const int DefaultBatchSize = 32;
    public const double DefaultTarget = 0.9;

    /// <summary>The built-in shapes are harder than MNIST: an MLP tops out near 85% in a short race.</summary>
    public const double DefaultBuiltInTarget = 0.8;
    public const ulong DefaultSeed = 42;
    public const string DefaultOut = "inertia-report";

    public static readonly IReadOnlyList<OptionSpec> Specs =
    [
        .. DataOptions.Specs,
        new("optimizers", "LIST", $"comma-separated optimizers to race (default: {string.Join(",", OptimizerCatalog.ChapterNames)}; also radam, adadelta, lion)"),
        new("set", "OPT.KEY=VALUE", "override one hyperparameter, e.g. adam.learning_rate=3e-4 or momentum.momentum=0.95; Keras's names (learning_rate, beta_1) or camelCase (learningRate, beta1) (repeatable)", Repeatable: true),
        new("config", "FILE", "JSON file of options, keys in camelCase, e.g. {\"epochs\": 10, \"set\": {\"adam\": {\"learningRate\": 3e-4}}}"),
        new("epochs", "N", $"epochs per optimizer (default {DefaultEpochs})"),
        new("batch-size", "N", $"mini-batch size (default {DefaultBatchSize})"),
        .. ModelOptions.Specs,
        new("seeds", "N", "repeat the race with N seeds and report mean ± std (default 1)"),
        new("seed", "S", $"first seed; run k uses S+k (default {DefaultSeed})"),
        new("target-accuracy", "F", $"validation accuracy whose epochs and seconds to reach are measured (default {DefaultTarget}; {DefaultBuiltInTarget} on the built-in set)"),
        new("out", "DIR", $"report folder (default ./{DefaultOut}/)"),
        new("threads", "N", "worker threads for training (default: all cores)"),
        DeviceOption.Spec,
        new("no-trajectories", null, "skip the 2-D trajectory plots"),
        new("quiet", null, "no progress bars, only the table"),
        new("help", null, "show this help"),
    ];

    public static CompareOptions From(ParsedArguments args)
    {
        var optimizers = ParseOptimizers(args.Get("optimizers"));
        var settings = optimizers.ToDictionary(o => o, OptimizerCatalog.ChapterSettings, StringComparer.Ordinal);
        foreach (string s in args.GetAll("set"))
        {
            var (opt, key, value) = SettingsOverride.Parse(s);
            if (!settings.TryGetValue(opt, out var dict))
                throw new UsageException($"option '--set {s}' names '{opt}', which is not in the race ({string.Join(",", optimizers)})");
            dict[key] = value;
        }
        int? threads = args.Get("threads") is { } t ? ValueParser.Int("threads", t, 1, 1024) : null;
        var data = DataOptions.From(args);
        return new CompareOptions(
            data,
            optimizers,
            settings,
            args.Get("epochs") is { } e ? ValueParser.Int("epochs", e, 1, 10_000) : DefaultEpochs,
            args.Get("batch-size") is { } b ? ValueParser.Int("batch-size", b, 1, 1 << 20) : DefaultBatchSize,
            ModelOptions.From(args),
            args.Get("seeds") is { } n ? ValueParser.Int("seeds", n, 1, 1000) : 1,
            args.Get("seed") is { } sd ? ValueParser.ULong("seed", sd) : DefaultSeed,
            args.Get("target-accuracy") is { } ta ? ValueParser.Double("target-accuracy", ta, 0, 1, inclusive: true) : data.IsBuiltIn ? DefaultBuiltInTarget : DefaultTarget,
            OutputTarget.Folder("out", args.Get("out") ?? DefaultOut),
            threads,
            args.Has("quiet"),
            !args.Has("no-trajectories"),
            DeviceOption.From(args));
    }

    private static List<string> ParseOptimizers(string? text)
    {
        if (text is null) return [.. OptimizerCatalog.ChapterNames];
        var names = text.Split(',', StringSplitOptions.TrimEntries).Select(n => n.ToLowerInvariant()).ToList();
        if (names.Any(n => n.Length == 0))
            throw new UsageException($"option '--optimizers' has an empty name in '{text}'");
        foreach (string n in names)
            if (!OptimizerCatalog.IsKnown(n))
                throw new UsageException($"unknown optimizer '{n}' in '--optimizers'{DidYouMean.Hint(n, OptimizerCatalog.AllNames)} (known: {string.Join(", ", OptimizerCatalog.AllNames)})");
        var dup = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
            throw new UsageException($"optimizer '{dup.Key}' is listed twice in '--optimizers'");
        return names;
    }
}
