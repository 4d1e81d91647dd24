using Inertia.Cli.Options;
using Inertia.Cli.Race;
using Inertia.Cli.Ratings;
using Inertia.Cli.Report;
using Inertia.Cli.Terminal;
using Inertia.Cli.Trajectories;
using Inertia.Distributed;
using Inertia.Tensors;
using Spectre.Console;

namespace Inertia.Cli.Commands;

/// <summary><c>inertia compare</c>: the optimizer race, its table and its report.</summary>
internal static class CompareCommand
{
    public static int Run(ParsedArguments args, IAnsiConsole console, TextWriter stderr, CancellationToken cancellation, string commandLine)
    {
        var options = CompareOptions.From(args);
        var started = DateTimeOffset.UtcNow;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (options.Threads is { } threads) Parallelism.MaxThreads = threads;
        var world = World.Join();
        var (data, model, device) = RankAgreement.Run(world, () =>
        {
            // The optimizers first: a bad hyperparameter is refused before any data is read.
            foreach (string name in options.Optimizers)
                OptimizerSetup.Create(name, RaceSettings.AsText(options.Settings[name]));
            var data = RaceData.Load(options.Data, options.Seed, cancellation);
            var model = options.Model.Resolve(data.Train.FeatureSize, data.Train.ClassCount);
            CheckModel(model, data);
            if (options.BatchSize > data.Train.Count)
                throw new UsageException($"option '--batch-size' is {options.BatchSize} but there are only {data.Train.Count} training samples");
            var device = TrainingDevice.Open(options.Device, stderr);
            try
            {
                CheckDevice(device, model, data);
            }
            catch
            {
                device.Dispose();
                throw;
            }
            return (data, model, device);
        });
        using var _ = device;
        if (world.IsRoot && data.SplitWarning is { } split) stderr.WriteLine($"inertia: warning: {split}");

        if (!options.Quiet)
            console.MarkupLineInterpolated($"[bold]Racing {options.Optimizers.Count} optimizers[/] on {data.Description}: {data.Train.Count:N0} train / {data.Validation.Count:N0} validation, model {model}, {options.Epochs} epochs, batch {options.BatchSize}, on {device.Description}.");
        var share = new RaceShare(world);
        var (mine, cancelledHere) = RunRace(console, options, model, data, device, share, cancellation);
        var runs = share.Gather(mine, options);
        bool cancelled = world.AllreduceMax(cancelledHere ? 1 : 0) == 1;
        // Rank 0 writes the one report; the other ranks' work is in it.
        if (!world.IsRoot) return cancelled ? ExitCodes.Cancelled : ExitCodes.Success;

        var finished = runs.Select(r => r.Optimizer).Distinct().ToList();
        IReadOnlyList<TrajectorySet> trajectories = [];
        if (options.Trajectories && !cancelled && finished.Count > 0)
        {
            try
            {
                trajectories = TrajectoryTracer.TraceAll(finished, options.Settings, cancellation);
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
            }
        }
        var race = new RaceResult(options, model, commandLine, data.Summarize(), runs,
            Summarizer.Summarize(runs, options.TargetAccuracy, options.Epochs), trajectories,
            MachineInfo.Current(Parallelism.MaxThreads, world.Size > 1 ? $"{device.Description}, runs spread over {world.Size} MPI ranks" : device.Description), started, clock.Elapsed.TotalSeconds, cancelled);
        if (race.Summaries.Count > 0) ResultsTable.Write(console, race);
        if (cancelled && finished.Count == 0)
        {
            console.MarkupLineInterpolated($"[yellow]Interrupted before any optimizer finished: no report written; {options.OutDirectory} is as it was.[/]");
            return ExitCodes.Cancelled;
        }
        string index = ReportWriter.Write(race, options.OutDirectory);
        console.MarkupLineInterpolated($"Report: [link]{Path.GetFullPath(index)}[/]");
        if (cancelled)
        {
            console.MarkupLine($"[yellow]Interrupted: the report holds the {finished.Count} optimizer(s) that finished.[/]");
            return ExitCodes.Cancelled;
        }
        return ExitCodes.Success;
    }

    private static (IReadOnlyList<RunResult>, bool) RunRace(IAnsiConsole console, CompareOptions options, ModelSpec model, RaceData data, TrainingDevice device, RaceShare share, CancellationToken cancellation)
    {
        if (options.Quiet)
            return new RaceRunner(options, model, data, device, null, share).Run(cancellation);
        if (!console.Profile.Capabilities.Interactive)
            return new RaceRunner(options, model, data, device, new ProgressObserver(console, null), share).Run(cancellation);
        (IReadOnlyList<RunResult>, bool) result = default;
        console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx => result = new RaceRunner(options, model, data, device, new ProgressObserver(console, ctx), share).Run(cancellation));
        return result;
    }

    /// <summary>Moves the model to the device once up front, so a layer without device kernels fails before any training.</summary>
    private static void CheckDevice(TrainingDevice device, ModelSpec model, RaceData data)
    {
        if (device.Context is null) return;
        var net = ModelFactory.Build(model, data.Train.SampleShape, 0);
        net.Compile(OptimizerSetup.Create("sgd", new Dictionary<string, string>()), RaceRunner.Loss);
        using var trainer = device.Attach(net, model.ToString());
    }

    /// <summary>Builds the model once up front, so a bad activation or initializer fails before any training.</summary>
    private static void CheckModel(ModelSpec model, RaceData data)
    {
        try
        {
            ModelFactory.Build(model, data.Train.SampleShape, 0);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"cannot build model {model}: {ErrorReport.Message(e)}");
        }
    }
}
