using Inertia.Layers;
using Inertia.Losses;
using Inertia.Optimizers;
using Inertia.Tensors;
using Inertia.Training;
using Inertia.Training.Callbacks;
using static Inertia.Tests.Training.TrainingFixtures;

namespace Inertia.Tests.Training;

public class CallbackTests
{
    [Fact]
    public void EarlyStopping_stops_after_patience_and_restores_the_best_weights()
    {
        var (x, y) = Regression(128, seed: 10);
        var model = CompiledMlp();
        var weightsAfter = new List<float[]>();
        var record = new LambdaCallback(onEpochEnd: (_, _) => weightsAfter.Add(Weights(model)));
        // Loss falls every epoch; watched in "max" mode, epoch 0 stays the best.
        var stop = new EarlyStopping(monitor: "loss", patience: 2, mode: MonitorMode.Max, restoreBestWeights: true);
        var history = model.Fit(x, y, epochs: 20, batchSize: 16, callbacks: [record, stop], verbose: 0);
        Assert.Equal([0, 1, 2], history.Epochs);
        Assert.Equal(2, stop.StoppedEpoch);
        Assert.Equal(0, stop.BestEpoch);
        Assert.True(history.Stopped);
        AssertBitwiseEqual(weightsAfter[0], Weights(model));
    }

    [Fact]
    public void EarlyStopping_ignores_improvements_smaller_than_min_delta()
    {
        var (x, y) = Regression(128, seed: 11);
        var model = CompiledMlp(learningRate: 1e-6);
        var stop = new EarlyStopping(monitor: "loss", patience: 1, minDelta: 1.0);
        var history = model.Fit(x, y, epochs: 10, batchSize: 16, callbacks: [stop], verbose: 0);
        Assert.Equal(2, history.Epochs.Count);
    }

    [Fact]
    public void A_callback_monitoring_a_missing_key_names_the_available_ones()
    {
        var (x, y) = Regression(32, seed: 12);
        var model = CompiledMlp();
        var e = Assert.Throws<InvalidOperationException>(() =>
            model.Fit(x, y, epochs: 2, callbacks: [new EarlyStopping()], verbose: 0));
        Assert.Contains("val_loss", e.Message);
        Assert.Contains("validationSplit", e.Message);
    }

    [Fact]
    public void ReduceLROnPlateau_multiplies_the_rate_by_factor_after_patience_and_respects_min_lr()
    {
        var (x, y) = Regression(64, seed: 13);
        var model = CompiledMlp(learningRate: 0.1);
        var reduce = new ReduceLROnPlateau(monitor: "loss", factor: 0.5, patience: 2, mode: MonitorMode.Max, minLr: 0.02);
        var history = model.Fit(x, y, epochs: 8, batchSize: 16, callbacks: [reduce], verbose: 0);
        // Epoch 0 sets the best; epochs 1-2 do not improve → halved from epoch 3; 3-4 → from 5; 5-6 → floored at minLr.
        // As in Keras, each epoch logs the rate it trained with.
        Assert.Equal([0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.02], history["learning_rate"]);
        Assert.Equal(0.02, model.Optimizer.LearningRate);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceLROnPlateau(factor: 1.0));
    }

    [Fact]
    public void LearningRateScheduler_sets_the_rate_each_epoch_from_the_schedule()
    {
        var (x, y) = Regression(64, seed: 14);
        var model = CompiledMlp(learningRate: 0.1);
        var history = model.Fit(x, y, epochs: 3, batchSize: 16, verbose: 0,
            callbacks: [new LearningRateScheduler((epoch, lr) => epoch == 0 ? lr : lr / 10)]);
        Assert.Equal(0.1, history["learning_rate"][0], 15);
        Assert.Equal(0.01, history["learning_rate"][1], 15);
        Assert.Equal(0.001, history["learning_rate"][2], 15);
    }

    [Fact]
    public void ModelCheckpoint_writes_every_epoch_or_only_improvements()
    {
        using var dir = new TempDirectory();
        var (x, y) = Regression(64, seed: 15);
        var model = CompiledMlp();
        var every = new ModelCheckpoint(Path.Combine(dir.Path, "m-{epoch}.inertia"), monitor: "loss");
        var best = new ModelCheckpoint(Path.Combine(dir.Path, "best.inertia"), monitor: "loss", saveBestOnly: true, mode: MonitorMode.Max);
        model.Fit(x, y, epochs: 3, batchSize: 16, callbacks: [every, best], verbose: 0);
        Assert.Equal(["m-1.inertia", "m-2.inertia", "m-3.inertia"], every.SavedFiles.Select(Path.GetFileName));
        Assert.All(every.SavedFiles, f => Assert.True(File.Exists(f)));
        Assert.Single(best.SavedFiles);
        Assert.Equal(1, Sequential.Load(best.SavedFiles[0]).CompletedEpochs);
        Assert.Equal(3, Sequential.Load(every.SavedFiles[2]).CompletedEpochs);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }

    [Fact]
    public void Diverging_training_is_reported_in_history_and_events()
    {
        var (x, y) = Regression(128, seed: 16);
        var model = Linear(learningRate: 1e3);
        var events = new List<TrainingEvent>();
        var history = model.Fit(x, y, epochs: 3, batchSize: 16, verbose: 0, callbacks: [new LambdaCallback(onTrainingEvent: events.Add)]);
        Assert.True(history.NonFiniteLosses >= 1);
        Assert.True(history.SkippedSteps >= 1, "the optimizer's non-finite policy skips the step");
        Assert.Equal(history.Events, events);
        Assert.Contains(events, e => e.Kind == TrainingEventKind.NonFiniteLoss && e.Message.Contains("diverging"));
    }

    [Fact]
    public void TerminateOnNaN_stops_at_the_first_non_finite_loss()
    {
        var (x, y) = Regression(128, seed: 16);
        var model = Linear(learningRate: 1e3);
        var terminate = new TerminateOnNaN();
        var history = model.Fit(x, y, epochs: 50, batchSize: 16, verbose: 0, callbacks: [terminate]);
        var first = history.Events.First(e => e.Kind == TrainingEventKind.NonFiniteLoss);
        Assert.Equal((first.Epoch, first.Batch), terminate.TerminatedAt);
        Assert.Equal(first.Epoch, history.Epochs[^1]);
        Assert.True(history.Stopped);
    }

    // A linear model cannot die like a ReLU net: at a huge rate its weights grow until the loss overflows.
    private static Sequential Linear(double learningRate)
    {
        var model = new Sequential([new Dense(1)], new Shape(4));
        model.Compile(new SGD(learningRate), new MeanSquaredError());
        return model;
    }

    [Fact]
    public void Progbar_logger_writes_epochs_batches_and_metrics_as_plain_text()
    {
        var (x, y) = Regression(64, seed: 17);
        var model = CompiledMlp();
        var text = new StringWriter();
        model.Fit(x, y, epochs: 2, batchSize: 16, verbose: 0, validationSplit: 0.25, callbacks: [new ProgbarLogger(text)]);
        string output = text.ToString();
        Assert.Contains("Epoch 1/2", output);
        Assert.Contains("Epoch 2/2", output);
        Assert.Matches(@"3/3 \[=+\] - \d+s \d+(ms|us|s)/step - loss: \d+\.\d+", output);
        Assert.Contains("val_loss: ", output);
    }

    [Fact]
    public void Progress_receives_every_batch_and_every_epoch()
    {
        var (x, y) = Regression(64, seed: 18);
        var model = CompiledMlp();
        var reports = new List<FitProgress>();
        model.Fit(x, y, epochs: 2, batchSize: 16, verbose: 0, progress: new SynchronousProgress<FitProgress>(reports.Add));
        Assert.Equal(2 * (4 + 1), reports.Count);
        Assert.Equal(2, reports.Count(r => r.EpochLogs is not null));
        Assert.Equal((1, 4, 4), (reports[^1].Epoch, reports[^1].Batch, reports[^1].BatchesPerEpoch));
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "inertia-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
