namespace Inertia.Cli.Options;

/// <summary>Everything <c>inertia evaluate</c> was asked to do, validated.</summary>
internal sealed record EvaluateOptions(string ModelFile, DataOptions Data, int BatchSize, int? Threads)
{
    public static readonly IReadOnlyList<OptionSpec> Specs =
    [
        new("model", "FILE", $"the model file written by inertia train (default {TrainOptions.DefaultOutput})"),
        .. DataOptions.Specs,
        new("batch-size", "N", "samples per inference batch (default 256)"),
        new("threads", "N", "worker threads (default: all cores)"),
        new("help", null, "show this help"),
    ];

    public static EvaluateOptions From(ParsedArguments args)
    {
        string file = args.Get("model") ?? TrainOptions.DefaultOutput;
        if (!File.Exists(file))
            throw new UsageException($"model file '{file}' does not exist (train one with: inertia train --output {file})", ExitCodes.Data);
        return new EvaluateOptions(
            file,
            DataOptions.From(args),
            args.Get("batch-size") is { } b ? ValueParser.Int("batch-size", b, 1, 1 << 20) : 256,
            args.Get("threads") is { } t ? ValueParser.Int("threads", t, 1, 1024) : null);
    }
}
