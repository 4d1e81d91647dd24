using Inertia.Cli.Options;
using Inertia.Data;

namespace Inertia.Cli.Race;

/// <summary>The training and validation sets of a race, loaded from the source the options name.</summary>
internal sealed record RaceData(Dataset Train, Dataset Validation, string Description, string? SplitWarning = null)
{
    /// <summary>Loads the data; every way it can fail becomes a one-line <see cref="UsageException"/>.</summary>
    public static RaceData Load(DataOptions options, ulong seed)
    {
        try
        {
            if (options.IdxDirectory is { } dir)
            {
                var idx = IdxDirectory.Load(dir);
                if (idx.Test is { } test)
                    return new RaceData(idx.Train, test, $"IDX {Path.GetFileName(Path.TrimEndingDirectorySeparator(dir))}: train and t10k pairs");
                var (tr, va) = Split(idx.Train, options, seed);
                return Checked(tr, va, $"IDX {Path.GetFileName(Path.TrimEndingDirectorySeparator(dir))} ({Path.GetFileName(idx.TrainFiles[0])}, {SplitText(options, seed)})", options);
            }
            if (options.CsvFile is { } csv)
            {
                var all = CsvReader.Read(csv, new CsvOptions { Label = options.LabelColumn });
                if (!all.IsClassification || all.ClassCount < 2)
                    throw new UsageException($"CSV file '{csv}': the label column '{options.LabelColumn}' must hold at least 2 classes", ExitCodes.Data);
                var (tr, va) = Split(all, options, seed);
                // Standardized with the training part's statistics only, so validation stays unseen.
                var scaler = new StandardScaler().Fit(tr);
                return Checked(scaler.Transform(tr), scaler.Transform(va), $"CSV {Path.GetFileName(csv)} (label '{options.LabelColumn}', standardized, {SplitText(options, seed)})", options);
            }
            var (train, validation) = Split(SyntheticShapes.Generate(options.Samples, seed), options, seed);
            return Checked(train, validation, "Built-in procedural 28×28 shapes" + (options.ShuffleSplit ? $" ({SplitText(options, seed)})" : ""), options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new UsageException(ErrorText.Plain(e), ExitCodes.Data);
        }
    }

    private static (Dataset, Dataset) Split(Dataset all, DataOptions options, ulong seed) =>
        options.ShuffleSplit ? StratifiedSplit.Split(all, options.ValidationSplit, seed) : all.Split(options.ValidationSplit);

    private static string SplitText(DataOptions options, ulong seed) =>
        options.ShuffleSplit ? $"split shuffled and stratified with seed {seed}" : "split unshuffled";

    private static RaceData Checked(Dataset train, Dataset validation, string description, DataOptions options) =>
        new(train, validation, description, SplitCheck.Warning(train, validation, ClassNames(train), options.ShuffleSplit));

    private static string[] ClassNames(Dataset d) =>
        d.ClassNames?.ToArray() ?? Enumerable.Range(0, d.ClassCount).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    public DataSummary Summarize(int samplesToShow = 10)
    {
        var names = ClassNames(Train);
        var samples = new List<SampleImage>();
        var shape = Train.SampleShape;
        if (shape.Rank == 2)
        {
            // One sample per class, the first of each, so the strip shows what the classes look like.
            var labels = Train.Targets.Span;
            var seen = new HashSet<int>();
            int size = shape.Size;
            for (int i = 0; i < Train.Count && samples.Count < samplesToShow; i++)
            {
                int label = (int)labels[i];
                if (!seen.Add(label)) continue;
                var pixels = Train.Features.Span.Slice(i * size, size).ToArray();
                samples.Add(new SampleImage(label, names[label], shape[0], shape[1], pixels));
            }
            samples.Sort((a, b) => a.Label.CompareTo(b.Label));
        }
        return new DataSummary(Description, Train.Count, Validation.Count, shape.Dimensions.ToArray(), Train.ClassCount, names, Train.ClassCounts(), Validation.ClassCounts(), SplitWarning, samples);
    }
}
