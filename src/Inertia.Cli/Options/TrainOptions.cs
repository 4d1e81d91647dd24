using Inertia.Cli.Ratings;

namespace Inertia.Cli.Options;

/// <summary>Everything <c>inertia train</c> was asked to do, validated.</summary>
internal sealed record TrainOptions(
    DataOptions Data,
    string Optimizer,
    SortedDictionary<string, object> Settings,
    int Epochs,
    int BatchSize,
    ModelOptions Model,
    ulong Seed,
    string Output,
    int? Threads,
    bool Quiet,
    Inertia.Gpu.Device Device,
    bool Zero)
{
    public const string DefaultOutput = "model.inertia";

    public static readonly IReadOnlyList<OptionSpec> Specs =
    [
        .. DataOptions.Specs,
        new("optimizer", "NAME", $"optimizer: {string.Join(", ", OptimizerCatalog.AllNames)} (default adam, with the chapter's settings)"),
        new("set", "KEY=VALUE", "override one hyperparameter of the optimizer, e.g. learning_rate=3e-4 or weight_decay=0.01 (Keras's names or camelCase; repeatable)", Repeatable: true),
        new("schedule", "JSON|FILE", "learning-rate schedule as Keras config JSON (or a file holding it), e.g. {\"class_name\": \"ExponentialDecay\", \"config\": {\"initial_learning_rate\": 0.01, \"decay_steps\": 1000, \"decay_rate\": 0.9}}"),
        new("epochs", "N", $"epochs (default {CompareOptions.DefaultEpochs})"),
        new("batch-size", "N", $"mini-batch size (default {CompareOptions.DefaultBatchSize})"),
        .. ModelOptions.Specs,
        new("seed", "S", $"seed of the weights and the batch order (default {CompareOptions.DefaultSeed})"),
        new("output", "FILE", $"where to save the trained model: architecture, weights and optimizer state in one file (default {DefaultOutput})"),
        new("threads", "N", "worker threads (default: all cores)"),
        DeviceOption.Spec,
        new("zero", null, "under mpiexec: shard the optimizer state over the ranks (ZeRO-1), each keeps about 1/N of it"),
        new("config", "FILE", "JSON file of options, keys in camelCase"),
        new("quiet", null, "no progress bars"),
        new("help", null, "show this help"),
    ];

    public static TrainOptions From(ParsedArguments args)
    {
        string optimizer = (args.Get("optimizer") ?? "adam").ToLowerInvariant();
        if (!OptimizerCatalog.IsKnown(optimizer))
            throw new UsageException($"unknown optimizer '{optimizer}'{DidYouMean.Hint(optimizer, OptimizerCatalog.AllNames)} (known: {string.Join(", ", OptimizerCatalog.AllNames)})");
        var settings = OptimizerCatalog.ChapterSettings(optimizer);
        foreach (string s in args.GetAll("set"))
        {
            string text = s.Contains('.') && s.IndexOf('.') < s.IndexOf('=') && OptimizerCatalog.IsKnown(s[..s.IndexOf('.')]) ? s : $"{optimizer}.{s}";
            var (opt, key, value) = SettingsOverride.Parse(text);
            if (opt != optimizer)
                throw new UsageException($"option '--set {s}' names '{opt}' but the optimizer is '{optimizer}'");
            settings[key] = value;
        }
        if (args.Get("schedule") is { } schedule)
            settings["learningRate"] = ReadSchedule(schedule);
        return new TrainOptions(
            DataOptions.From(args),
            optimizer,
            settings,
            args.Get("epochs") is { } e ? ValueParser.Int("epochs", e, 1, 10_000) : CompareOptions.DefaultEpochs,
            args.Get("batch-size") is { } b ? ValueParser.Int("batch-size", b, 1, 1 << 20) : CompareOptions.DefaultBatchSize,
            ModelOptions.From(args),
            args.Get("seed") is { } sd ? ValueParser.ULong("seed", sd) : CompareOptions.DefaultSeed,
            OutputTarget.File("output", args.Get("output") ?? DefaultOutput),
            args.Get("threads") is { } t ? ValueParser.Int("threads", t, 1, 1024) : null,
            args.Has("quiet"),
            DeviceOption.From(args),
            args.Has("zero"));
    }

    private static string ReadSchedule(string text)
    {
        if (text.TrimStart().StartsWith('{')) return text;
        try
        {
            return JsonText.Read(text, "schedule file");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"option '--schedule' is neither JSON nor a readable file: {e.Message.TrimEnd('.')}", ExitCodes.Data);
        }
    }
}
