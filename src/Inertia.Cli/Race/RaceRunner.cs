using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Inertia.Cli.Options;
using Inertia.Training;

namespace Inertia.Cli.Race;

/// <summary>
/// Trains one model per optimizer and seed. Fairness: for a given seed every optimizer's model is
/// built from the same seed (so it starts from identical weights, which the run records as a
/// hash) and trained with the same shuffle seed (so it sees the same batches in the same order);
/// only the optimizer differs. On a device the same holds: the CPU-built weights are uploaded,
/// <see cref="Sequential.Fit"/> draws the batches and validates on the CPU model, and only its
/// steps run on the device. Under MPI each rank trains its <see cref="RaceShare"/> of the runs;
/// every run is deterministic, so where it runs does not change its numbers.
/// </summary>
internal sealed class RaceRunner(CompareOptions options, ModelSpec model, RaceData data, TrainingDevice device, IRaceObserver? observer, RaceShare share)
{
    public const string Loss = "sparse_categorical_crossentropy";

    /// <summary>
    /// Runs the race; optimizer-major, so when <paramref name="cancellation"/> fires the
    /// optimizers already done have every seed. Returns the completed runs of this rank's share and whether it was cancelled.
    /// </summary>
    public (IReadOnlyList<RunResult> Runs, bool Cancelled) Run(CancellationToken cancellation)
    {
        var runs = new List<RunResult>();
        var initial = new Dictionary<ulong, EpochRecord>();
        int index = 0;
        try
        {
            foreach (string name in options.Optimizers)
            {
                var completed = new List<RunResult>();
                for (int k = 0; k < options.Seeds; k++)
                {
                    if (!share.Owns(index++)) continue;
                    cancellation.ThrowIfCancellationRequested();
                    ulong seed = options.Seed + (ulong)k;
                    completed.Add(RunOne(name, seed, initial, cancellation));
                }
                runs.AddRange(completed);
            }
            return (runs, false);
        }
        catch (OperationCanceledException)
        {
            return (runs, true);
        }
    }

    private RunResult RunOne(string name, ulong seed, Dictionary<ulong, EpochRecord> initial, CancellationToken cancellation)
    {
        var settings = RaceSettings.AsText(options.Settings[name]);
        var net = ModelFactory.Build(model, data.Train.SampleShape, seed);
        var optimizer = Commands.OptimizerSetup.Create(name, settings);
        net.Compile(optimizer, Loss, "accuracy");
        string hash = Hash(net);
        // Epoch 0 is the same for every optimizer of a seed (same weights): measured once.
        if (!initial.TryGetValue(seed, out var start))
        {
            var tr = net.Evaluate(data.Train.Features, data.Train.Targets, 256);
            var va = net.Evaluate(data.Validation.Features, data.Validation.Targets, 256);
            initial[seed] = start = new EpochRecord(0, 0, tr["loss"], tr["accuracy"], va["loss"], va["accuracy"]);
        }
        int batchesPerEpoch = (data.Train.Count + options.BatchSize - 1) / options.BatchSize;
        observer?.RunStarted(name, seed, options.Epochs, batchesPerEpoch);
        var epochs = new List<EpochRecord> { start };
        var clock = Stopwatch.StartNew();
        var progress = new SynchronousProgress(p =>
        {
            if (p.EpochLogs is { } logs)
                epochs.Add(new EpochRecord(p.Epoch + 1, clock.Elapsed.TotalSeconds, logs["loss"], logs["accuracy"], logs["val_loss"], logs["val_accuracy"]));
            else
                observer?.BatchDone(name, seed, p.Epoch, p.Batch, p.Loss);
        });
        using var trainer = device.Attach(net, model.ToString());
        var history = net.Fit(data.Train.Features, data.Train.Targets, options.Epochs, options.BatchSize,
            validationData: (data.Validation.Features, data.Validation.Targets), shuffle: true, verbose: 0,
            seed: seed, progress: progress, cancellationToken: cancellation);
        var run = new RunResult(name, seed, settings, epochs, optimizer.StateBytesPerParameter, hash, history.SkippedSteps, history.OverflowedSteps);
        observer?.RunFinished(run);
        return run;
    }

    private static string Hash(Sequential net)
    {
        var bytes = MemoryMarshal.AsBytes(net.Arena.Values.Span);
        return Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
    }

    /// <summary>Calls back on the training thread, in order (System.Progress would post to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<FitProgress> report) : IProgress<FitProgress>
    {
        public void Report(FitProgress value) => report(value);
    }
}
