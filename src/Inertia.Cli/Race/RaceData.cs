using Inertia.Cli.Options;
using Inertia.Data;
using Inertia.Training;

namespace Inertia.Cli.Race;

/// <summary>The training and validation sets of a race, loaded from the source the options name.</summary>
internal sealed record RaceData(Dataset Train, Dataset Validation, string Description, string? SplitWarning = null, StandardScaler? Scaler = null)
{
    public const string BuiltInDescription = "Built-in procedural 28×28 shapes";

    /// <summary>Loads the data; every way it can fail becomes a one-line <see cref="UsageException"/>.</summary>
    /// <param name="options">Where the data is.</param>
    /// <param name="seed">Seed of the built-in set.</param>
    /// <param name="cancellation">Stops loading.</param>
    /// <param name="trainedOn">For a trained model: its class names and scaler are applied instead of ones derived from this data.</param>
    /// <param name="classCount">For a trained model: its number of outputs, the classes integer labels must fall in.</param>
    public static RaceData Load(DataOptions options, ulong seed, CancellationToken cancellation, DataDescription? trainedOn = null, int? classCount = null)
    {
        try
        {
            if (options.IdxDirectory is { } dir)
            {
                var idx = IdxDirectory.Load(dir, Math.Min(classCount ?? 10, 256), cancellation);
                if (idx.Test is { } test)
                {
                    if (!test.SampleShape.Equals(idx.Train.SampleShape))
                        throw new UsageException($"the train pair ({Path.GetFileName(idx.TrainFiles[0])}) holds images of {idx.Train.SampleShape} but the t10k pair ({Path.GetFileName(idx.TestFiles![0])}) holds {test.SampleShape}; both must have one shape", ExitCodes.Data);
                    return new RaceData(idx.Train, test, $"IDX {Path.GetFileName(Path.TrimEndingDirectorySeparator(dir))}: train and t10k pairs");
                }
                var (tr, va) = Split(idx.Train, options, seed);
                return Checked(tr, va, $"IDX {Path.GetFileName(Path.TrimEndingDirectorySeparator(dir))} ({Path.GetFileName(idx.TrainFiles[0])}, {SplitText(options, seed)})", options);
            }
            if (options.CsvFile is { } csv)
            {
                var csvOptions = new CsvOptions
                {
                    Label = options.LabelColumn,
                    MaxBytes = InputCaps.CsvBytes,
                    ClassNames = trainedOn?.ClassNames,
                    ClassCount = trainedOn?.ClassNames is null ? classCount : null,
                };
                var all = CsvReader.Read(csv, csvOptions, cancellation);
                if (!all.IsClassification || all.ClassCount < 2)
                    throw new UsageException($"CSV file '{csv}': the label column '{options.LabelColumn}' must hold at least 2 classes", ExitCodes.Data);
                var (tr, va) = Split(all, options, seed);
                // Standardized with the training part's statistics only, so validation stays unseen;
                // a trained model's own statistics when it has them, so its inputs mean what they meant.
                var scaler = trainedOn is not null ? trainedOn.Scaler : new StandardScaler().Fit(tr);
                if (scaler is null)
                    return Checked(tr, va, $"CSV {Path.GetFileName(csv)} (label '{options.LabelColumn}', {SplitText(options, seed)})", options);
                return Checked(scaler.Transform(tr), scaler.Transform(va), $"CSV {Path.GetFileName(csv)} (label '{options.LabelColumn}', standardized, {SplitText(options, seed)})", options, scaler);
            }
            var (train, validation) = Split(SyntheticShapes.Generate(options.Samples, seed), options, seed);
            return Checked(train, validation, BuiltInDescription + (options.ShuffleSplit ? $" ({SplitText(options, seed)})" : ""), options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new UsageException(Commands.ErrorReport.Message(e), ExitCodes.Data);
        }
    }

    /// <summary>What a model trained on this data must remember: saved in its file.</summary>
    public DataDescription Describe() => new(Description, Train.ClassNames, Scaler?.Mean, Scaler?.StandardDeviation);

    private static (Dataset, Dataset) Split(Dataset all, DataOptions options, ulong seed) =>
        options.ShuffleSplit ? StratifiedSplit.Split(all, options.ValidationSplit, seed) : all.Split(options.ValidationSplit);

    private static string SplitText(DataOptions options, ulong seed) =>
        options.ShuffleSplit ? $"split shuffled and stratified with seed {seed}" : "split unshuffled";

    private static RaceData Checked(Dataset train, Dataset validation, string description, DataOptions options, StandardScaler? scaler = null) =>
        new(train, validation, description, SplitCheck.Warning(train, validation, ClassNames(train), options.ShuffleSplit), scaler);

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
