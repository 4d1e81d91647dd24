using System.Globalization;
using Inertia.Cli.Options;
using Inertia.Cli.Race;
using Inertia.Cli.Ratings;
using Inertia.Tensors;
using Inertia.Training;
using Inertia.Training.Callbacks;
using Spectre.Console;

namespace Inertia.Cli.Commands;

/// <summary><c>inertia train</c>: trains one model with one optimizer (and schedule) and saves it.</summary>
internal static class TrainCommand
{
    public static int Run(ParsedArguments args, IAnsiConsole console, TextWriter stderr, CancellationToken cancellation)
    {
        var options = TrainOptions.From(args);
        if (options.Threads is { } threads) Parallelism.MaxThreads = threads;
        // The optimizer first: a bad hyperparameter is refused before any data is read.
        var settings = RaceSettings.AsText(options.Settings);
        var optimizer = OptimizerSetup.Create(options.Optimizer, settings);
        var data = RaceData.Load(options.Data, options.Seed, cancellation);
        if (data.SplitWarning is { } split) stderr.WriteLine($"inertia: warning: {split}");
        var spec = options.Model.Resolve(data.Train.FeatureSize, data.Train.ClassCount);
        if (options.BatchSize > data.Train.Count)
            throw new UsageException($"option '--batch-size' is {options.BatchSize} but there are only {data.Train.Count} training samples");
        Sequential model;
        try
        {
            model = ModelFactory.Build(spec, data.Train.SampleShape, options.Seed);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"cannot build model {spec}: {ErrorReport.Message(e)}");
        }
        model.Compile(optimizer, RaceRunner.Loss, "accuracy");
        using var device = TrainingDevice.Open(options.Device, stderr);
        var trainer = device.Attach(model, spec.ToString());
        console.MarkupLineInterpolated($"Training {spec} with [bold]{OptimizerCatalog.DisplayName(options.Optimizer)}[/] ({string.Join(", ", settings.Select(kv => $"{kv.Key}={kv.Value}"))}) on {data.Description}: {data.Train.Count:N0} train / {data.Validation.Count:N0} validation, on {device.Description}.");

        int batches = (data.Train.Count + options.BatchSize - 1) / options.BatchSize;
        var table = new Table().Border(TableBorder.Rounded).AddColumns("Epoch", "Loss", "Accuracy", "Val loss", "Val accuracy", "Seconds");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        bool cancelled = false;
        bool interactive = !options.Quiet && console.Profile.Capabilities.Interactive;
        double epochStart = 0;
        void Fit(ProgressTask? task)
        {
            var progress = new Progress(p =>
            {
                if (p.EpochLogs is { } logs)
                {
                    double now = clock.Elapsed.TotalSeconds;
                    table.AddRow((p.Epoch + 1).ToString(CultureInfo.InvariantCulture), F(logs["loss"]), ResultColumns.Percent(logs["accuracy"]),
                        F(logs["val_loss"]), ResultColumns.Percent(logs["val_accuracy"]), now.ToString("0.0", CultureInfo.InvariantCulture));
                    // A log or a pipe gets what Keras writes there: one line per finished epoch, no bar.
                    if (!interactive && !options.Quiet)
                        console.WriteLine($"Epoch {p.Epoch + 1}/{options.Epochs} - {ProgbarLogger.Duration(now - epochStart)} - {string.Join(" - ", logs.Select(kv => $"{kv.Key}: {F(kv.Value)}"))}");
                    epochStart = now;
                }
                else if (task is not null)
                {
                    task.Value = (double)p.Epoch * batches + p.Batch;
                    task.Description = $"epoch {p.Epoch + 1}/{options.Epochs} batch {p.Batch}/{batches} loss {F(p.Loss)}";
                }
            });
            try
            {
                model.Fit(data.Train.Features, data.Train.Targets, options.Epochs, options.BatchSize,
                    validationData: (data.Validation.Features, data.Validation.Targets), shuffle: true, verbose: 0,
                    seed: options.Seed, progress: progress, cancellationToken: cancellation);
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
            }
        }
        if (!interactive)
            Fit(null);
        else
            console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(ctx => Fit(ctx.AddTask("training", maxValue: (double)options.Epochs * batches)));
        console.Write(table);
        // Disposing the trainer hands the device's weights and optimizer state back to the model.
        trainer?.Dispose();
        if (cancelled && model.CompletedEpochs == 0)
        {
            console.MarkupLineInterpolated($"[yellow]Interrupted before the first epoch finished: nothing saved; {options.Output} is as it was.[/]");
            return ExitCodes.Cancelled;
        }
        model.TrainedOn = data.Describe();
        model.Save(options.Output);
        console.MarkupLineInterpolated($"Saved the model after {model.CompletedEpochs} epoch(s) to [bold]{options.Output}[/].");
        return cancelled ? ExitCodes.Cancelled : ExitCodes.Success;
    }

    private static string F(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);

    private sealed class Progress(Action<FitProgress> report) : IProgress<FitProgress>
    {
        public void Report(FitProgress value) => report(value);
    }
}
