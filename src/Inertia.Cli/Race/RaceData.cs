using Inertia.Cli.Options;
using Inertia.Data;

namespace Inertia.Cli.Race;

/// <summary>The training and validation sets of a race, loaded from the source the options name.</summary>
internal sealed record RaceData(Dataset Train, Dataset Validation, string Description)
{
    /// <summary>Loads the data; every way it can fail becomes a one-line <see cref="UsageException"/>.</summary>
    public static RaceData Load(DataOptions options, ulong seed, CancellationToken cancellation)
    {
        try
        {
            if (options.IdxDirectory is { } dir)
            {
                var idx = IdxDirectory.Load(dir, cancellationToken: cancellation);
                if (idx.Test is { } test)
                {
                    if (!test.SampleShape.Equals(idx.Train.SampleShape))
                        throw new UsageException($"the train pair ({Path.GetFileName(idx.TrainFiles[0])}) holds images of {idx.Train.SampleShape} but the t10k pair ({Path.GetFileName(idx.TestFiles![0])}) holds {test.SampleShape}; both must have one shape", ExitCodes.Data);
                    return new RaceData(idx.Train, test, $"IDX {Path.GetFileName(Path.TrimEndingDirectorySeparator(dir))}: train and t10k pairs");
                }
                var (tr, va) = idx.Train.Split(options.ValidationSplit);
                return new RaceData(tr, va, $"IDX {Path.GetFileName(Path.TrimEndingDirectorySeparator(dir))} ({Path.GetFileName(idx.TrainFiles[0])}, split unshuffled)");
            }
            if (options.CsvFile is { } csv)
            {
                var all = CsvReader.Read(csv, new CsvOptions { Label = options.LabelColumn, MaxBytes = InputCaps.CsvBytes }, cancellation);
                if (!all.IsClassification || all.ClassCount < 2)
                    throw new UsageException($"CSV file '{csv}': the label column '{options.LabelColumn}' must hold at least 2 classes", ExitCodes.Data);
                var (tr, va) = all.Split(options.ValidationSplit);
                // Standardized with the training part's statistics only, so validation stays unseen.
                var scaler = new StandardScaler().Fit(tr);
                return new RaceData(scaler.Transform(tr), scaler.Transform(va), $"CSV {Path.GetFileName(csv)} (label '{options.LabelColumn}', standardized)");
            }
            var (train, validation) = SyntheticShapes.Generate(options.Samples, seed).Split(options.ValidationSplit);
            return new RaceData(train, validation, "Built-in procedural 28×28 shapes");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new UsageException(Commands.ErrorReport.Message(e), ExitCodes.Data);
        }
    }

    public DataSummary Summarize(int samplesToShow = 10)
    {
        var names = Train.ClassNames ?? Enumerable.Range(0, Train.ClassCount).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
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
        return new DataSummary(Description, Train.Count, Validation.Count, shape.Dimensions.ToArray(), Train.ClassCount, names, Train.ClassCounts(), samples);
    }
}
