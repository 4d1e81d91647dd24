using System.Globalization;
using Inertia.Cli.Options;
using Inertia.Cli.Race;
using Inertia.Cli.Ratings;
using Inertia.Tensors;
using Inertia.Training;
using Spectre.Console;

namespace Inertia.Cli.Commands;

/// <summary>
/// <c>inertia evaluate</c>: loads a saved model and reports its loss, accuracy and per-class
/// accuracy on the validation part of the data (the t10k pair, or the last --validation-split).
/// </summary>
internal static class EvaluateCommand
{
    public static int Run(ParsedArguments args, IAnsiConsole console, CancellationToken cancellation)
    {
        var options = EvaluateOptions.From(args);
        if (options.Threads is { } threads) Parallelism.MaxThreads = threads;
        var model = SavedModel.Load(options.ModelFile, cancellation);
        var trainedOn = model.TrainedOn;
        int classes = model.OutputShape.Size;
        if (options.Data.IsBuiltIn && trainedOn is not null && !trainedOn.Description.StartsWith(RaceData.BuiltInDescription, StringComparison.Ordinal))
            throw new UsageException($"model '{options.ModelFile}' was trained on {trainedOn.Description}, not the built-in shapes; give that data with --data or --csv", ExitCodes.Data);
        if (trainedOn is null && !options.Data.IsBuiltIn)
            console.MarkupLineInterpolated($"[yellow]Note: '{options.ModelFile}' is an older model file that does not record its classes or feature scaling; this data's own are used.[/]");
        var data = RaceData.Load(options.Data, Options.CompareOptions.DefaultSeed, cancellation, trainedOn, classes).Validation;
        string trained = trainedOn is null ? "" : $" (trained on {trainedOn.Description}{(trainedOn.ClassNames is { } n ? $", classes {string.Join(", ", n)}" : "")})";
        if (!data.SampleShape.Equals(model.InputShape))
            throw new UsageException($"model '{options.ModelFile}'{trained} takes samples of shape {model.InputShape}, the data has {data.SampleShape}", ExitCodes.Data);
        if (data.IsClassification && data.ClassCount != classes)
            throw new UsageException($"model '{options.ModelFile}'{trained} predicts {classes} classes, the data has {data.ClassCount}", ExitCodes.Data);
        if (!model.IsCompiled)
            model.Compile(OptimizerSetup.Create("adam", new Dictionary<string, string>()), RaceRunner.Loss, "accuracy");
        var metrics = model.Evaluate(data.Features, data.Targets, options.BatchSize);
        var table = new Table().Border(TableBorder.Rounded).Title($"{Markup.Escape(options.ModelFile)} on {data.Count:N0} samples").AddColumns("Metric", "Value");
        foreach (var (name, value) in metrics)
            table.AddRow(Markup.Escape(name), name.Contains("acc", StringComparison.Ordinal) ? ResultColumns.Percent(value) : value.ToString("0.0000", CultureInfo.InvariantCulture));
        console.Write(table);
        if (data.IsClassification) console.Write(PerClass(model, data, options.BatchSize, trainedOn?.ClassNames));
        return ExitCodes.Success;
    }

    // The arg max runs over all the model's outputs, as the accuracy metric's does, so the rows add up to the overall accuracy.
    private static Table PerClass(Sequential model, Inertia.Data.Dataset data, int batchSize, IReadOnlyList<string>? modelClassNames)
    {
        var predictions = model.Predict(data.Features, batchSize);
        int classes = model.OutputShape.Size;
        var correct = new int[classes];
        var total = new int[classes];
        var p = predictions.Span;
        var labels = data.Targets.Span;
        for (int i = 0; i < data.Count; i++)
        {
            int label = (int)labels[i];
            int best = 0;
            for (int c = 1; c < classes; c++)
                if (p[i * classes + c] > p[i * classes + best]) best = c;
            total[label]++;
            if (best == label) correct[label]++;
        }
        var names = modelClassNames ?? data.ClassNames ?? Enumerable.Range(0, classes).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var table = new Table().Border(TableBorder.Rounded).Title("Per class").AddColumns("Class", "Samples", "Accuracy");
        for (int c = 0; c < classes; c++)
            table.AddRow(Markup.Escape(names[c]), total[c].ToString(CultureInfo.InvariantCulture), total[c] == 0 ? "—" : ResultColumns.Percent((double)correct[c] / total[c]));
        return table;
    }
}
