namespace Inertia.Cli.Options;

/// <summary>
/// Where the samples come from: the built-in procedural image set (<see cref="Samples"/> images),
/// a folder of MNIST-style IDX files, or a CSV file with a label column.
/// </summary>
internal sealed record DataOptions(string? IdxDirectory, string? CsvFile, string? LabelColumn, double ValidationSplit, int Samples, bool ShuffleSplit = false)
{
    public const double DefaultValidationSplit = 0.2;

    public static readonly IReadOnlyList<OptionSpec> Specs =
    [
        new("data", "DIR", "MNIST / Fashion-MNIST IDX files (raw or .gz): train-* and t10k-* pairs, or one pair that is split"),
        new("csv", "FILE", "a CSV file of numeric columns instead (needs --label)"),
        new("label", "COLUMN", "the CSV label column, by name or 0-based index"),
        new("validation-split", "F", $"fraction held out for validation when one set is split, the last part, unshuffled as Keras's validation_split (default {DefaultValidationSplit})"),
        new("shuffle-split", null, "split one set seeded and stratified instead: about --validation-split of every class, chosen with --seed"),
        new("samples", "N", $"images in the built-in procedural set when neither --data nor --csv is given (default {DefaultSamples})"),
    ];

    // Sized so that the default race (9 optimizers × 5 epochs) finishes in under 2 minutes on 2 cores.
    public const int DefaultSamples = 15_000;

    public static DataOptions From(ParsedArguments args)
    {
        string? dir = args.Get("data");
        string? csv = args.Get("csv");
        string? label = args.Get("label");
        if (dir is not null && csv is not null)
            throw new UsageException("options '--data' and '--csv' exclude each other");
        if (csv is not null && label is null)
            throw new UsageException("option '--csv' needs '--label COLUMN'");
        if (label is not null && csv is null)
            throw new UsageException("option '--label' only applies with '--csv FILE'");
        if (dir is not null && !Directory.Exists(dir))
            throw new UsageException($"data folder '{dir}' does not exist", ExitCodes.Data);
        if (csv is not null && !File.Exists(csv))
            throw new UsageException($"CSV file '{csv}' does not exist", ExitCodes.Data);
        if (args.Has("samples") && (dir is not null || csv is not null))
            throw new UsageException("option '--samples' only applies to the built-in data set");
        double split = args.Get("validation-split") is { } s
            ? ValueParser.Double("validation-split", s, 0, 1, inclusive: false)
            : DefaultValidationSplit;
        int samples = args.Get("samples") is { } n ? ValueParser.Int("samples", n, 20, 1_000_000) : DefaultSamples;
        return new DataOptions(dir, csv, label, split, samples, args.Has("shuffle-split"));
    }

    public bool IsBuiltIn => IdxDirectory is null && CsvFile is null;

    public string Describe() =>
        (IdxDirectory is not null ? $"IDX files in {IdxDirectory}"
        : CsvFile is not null ? $"CSV {CsvFile} (label {LabelColumn})"
        : $"built-in procedural 28×28 shapes, {Samples} images")
        + (ShuffleSplit ? "; --shuffle-split" : "");
}
