using System.Globalization;
using Inertia.Cli.Options;
using Inertia.Cli.Race;
using Inertia.Cli.Ratings;
using Inertia.Distributed;
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
        var world = World.Join();
        if (options.Zero && world.Size == 1)
            throw new UsageException("option '--zero' shards the optimizer state over MPI ranks: start the command with mpiexec -n N");
        var settings = RaceSettings.AsText(options.Settings);
        var (data, spec, model, device) = RankAgreement.Run(world, () =>
        {
            // The optimizer first: a bad hyperparameter is refused before any data is read.
            var optimizer = OptimizerSetup.Create(options.Optimizer, settings);
            var data = RaceData.Load(options.Data, options.Seed, cancellation);
            var spec = options.Model.Resolve(data.Train.FeatureSize, data.Train.ClassCount);
            if (options.BatchSize > data.Train.Count)
                throw new UsageException($"option '--batch-size' is {options.BatchSize} but there are only {data.Train.Count} training samples");
            if (world.Size > 1 && options.Device != Inertia.Gpu.Device.Cpu)
                throw new UsageException($"option '--device {options.Device.ToString().ToLowerInvariant()}' cannot be combined with {world.Size} MPI ranks: data-parallel training runs on the CPU");
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
            if (world.Size > 1)
            {
                try
                {
                    DataParallel.Check(model);
                }
                catch (NotSupportedException e)
                {
                    throw new UsageException($"cannot train model {spec} on {world.Size} MPI ranks: {e.Message}");
                }
            }
            return (data, spec, model, TrainingDevice.Open(options.Device, stderr));
        });
        using var _ = device;
        if (world.IsRoot && data.SplitWarning is { } split) stderr.WriteLine($"inertia: warning: {split}");
        using var strategy = world.Size > 1 ? DataParallel.Attach(model, world, shardOptimizerState: options.Zero, stopRequested: cancellation) : null;
        // Under MPI the ranks agree on Ctrl-C step by step, so they stop before the same batch.
        var stop = strategy?.Cancellation ?? cancellation;
        var trainer = device.Attach(model, spec.ToString());
        string where = world.Size > 1
            ? $"data-parallel over {world.Size} MPI ranks (each {Parallelism.MaxThreads} thread(s){(options.Zero ? ", optimizer state sharded" : "")})"
            : device.Description;
        console.MarkupLineInterpolated($"Training {spec} with [bold]{OptimizerCatalog.DisplayName(options.Optimizer)}[/] ({string.Join(", ", settings.Select(kv => $"{kv.Key}={kv.Value}"))}) on {data.Description}: {data.Train.Count:N0} train / {data.Validation.Count:N0} validation, on {where}.");

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
                    seed: options.Seed, progress: progress, cancellationToken: stop);
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
        // Under MPI rank 0 writes the one checkpoint (with ZeRO-1, once the shards' state is
        // gathered); it loads into one process or any number of ranks.
        if (strategy is not null) strategy.Save(options.Output);
        else model.Save(options.Output);
        console.MarkupLineInterpolated($"Saved the model after {model.CompletedEpochs} epoch(s) to [bold]{options.Output}[/].");
        return cancelled ? ExitCodes.Cancelled : ExitCodes.Success;
    }

    private static string F(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);

    private sealed class Progress(Action<FitProgress> report) : IProgress<FitProgress>
    {
        public void Report(FitProgress value) => report(value);
    }
}
