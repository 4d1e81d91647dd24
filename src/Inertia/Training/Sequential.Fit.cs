using Inertia.Layers;
using Inertia.Optimizers;
using Inertia.Tensors;
using Inertia.Training.Callbacks;

namespace Inertia.Training;

public sealed partial class Sequential
{
    /// <summary>
    /// Trains the model (Keras <c>fit</c>). Each epoch walks (x, y) in mini-batches, in an order
    /// that is a pure function of <paramref name="seed"/> and the epoch, so the same seed gives
    /// the same weights bit for bit, with any thread count, and a run resumed with
    /// <paramref name="initialEpoch"/> continues exactly as if it had not stopped.
    /// </summary>
    /// <param name="x">Inputs, shape (n, …input shape).</param>
    /// <param name="y">Targets, n rows, in the form the loss takes.</param>
    /// <param name="epochs">Index of the epoch to stop before (Keras semantics: with <paramref name="initialEpoch"/> 3 and epochs 5, epochs 3 and 4 run).</param>
    /// <param name="batchSize">Samples per batch, 1 … n.</param>
    /// <param name="validationSplit">Fraction of the samples, taken from the end before shuffling, held out for validation; 0 for none.</param>
    /// <param name="validationData">Separate validation samples (instead of <paramref name="validationSplit"/>).</param>
    /// <param name="shuffle">Shuffle the samples every epoch.</param>
    /// <param name="callbacks">Callbacks, called in order.</param>
    /// <param name="verbose">0 silent, 1 progress bar, 2 one line per epoch (Keras), on the console.</param>
    /// <param name="seed">Seed of the shuffling and random layers; default <see cref="Seed"/>.</param>
    /// <param name="initialEpoch">Epoch to start at (to resume a run: <see cref="CompletedEpochs"/> of the loaded model).</param>
    /// <param name="progress">Receives the running loss after every batch and the logs after every epoch.</param>
    /// <param name="cancellationToken">Checked before every batch. Cancelling stops training between two
    /// batches (no step is left half done) and throws <see cref="OperationCanceledException"/>; the model
    /// and optimizer hold the state after the last completed step, and a later Fit continues from it.</param>
    /// <returns>Per-epoch loss and metrics, and the events of the run.</returns>
    /// <exception cref="InvalidOperationException">The model is not compiled, has nothing to train, or one of its
    /// layers was moved into another model (its parameters are detached).</exception>
    /// <exception cref="ArgumentException">Shapes do not fit, or the data holds NaN or infinity.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count or fraction is out of range.</exception>
    public History Fit(Tensor x, Tensor y, int epochs = 1, int batchSize = 32, double validationSplit = 0,
        (Tensor X, Tensor Y)? validationData = null, bool shuffle = true, IEnumerable<Callback>? callbacks = null,
        int verbose = 1, ulong? seed = null, int initialEpoch = 0, IProgress<FitProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        EnsureCanTrain();
        ArgumentOutOfRangeException.ThrowIfNegative(initialEpoch);
        if (epochs < initialEpoch)
            throw new ArgumentOutOfRangeException(nameof(epochs), epochs, $"epochs must be at least initialEpoch ({initialEpoch}).");
        if (verbose is < 0 or > 2)
            throw new ArgumentOutOfRangeException(nameof(verbose), verbose, "verbose must be 0, 1 or 2.");
        if (!(validationSplit >= 0 && validationSplit < 1))
            throw new ArgumentOutOfRangeException(nameof(validationSplit), validationSplit, "validationSplit must lie in [0, 1).");
        if (validationSplit > 0 && validationData is not null)
            throw new ArgumentException("Give either validationSplit or validationData, not both.", nameof(validationData));
        CheckData(x, y, nameof(x), nameof(y));

        var (trainX, trainY) = (x, y);
        Tensor? valX = null, valY = null;
        if (validationData is { } vd)
        {
            CheckData(vd.X, vd.Y, "validationData.X", "validationData.Y");
            (valX, valY) = vd;
        }
        else if (validationSplit > 0)
        {
            int n = x.Shape[0];
            int val = (int)(n * validationSplit);
            if (val == 0 || val == n)
                throw new ArgumentOutOfRangeException(nameof(validationSplit), validationSplit, $"A split of {validationSplit} of {n} samples leaves one part empty.");
            (trainX, trainY) = (x.SliceRows(0, n - val), y.SliceRows(0, n - val));
            (valX, valY) = (x.SliceRows(n - val, val), y.SliceRows(n - val, val));
        }
        int samples = trainX.Shape[0];
        if (batchSize < 1 || batchSize > samples)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"batchSize must lie in [1, {samples}] (the training samples).");

        var runSeed = seed ?? Seed;
        var batches = new EpochBatches(trainX, trainY, batchSize, shuffle, runSeed);
        var all = callbacks?.ToList() ?? [];
        if (all.Any(c => c is null)) throw new ArgumentNullException(nameof(callbacks), "A callback is null.");
        // Like Keras: the bar is redrawn in place only on a terminal; redirected output gets one line per epoch.
        if (verbose > 0) all.Add(new ProgbarLogger(Console.Out, verbose, interactive: !Console.IsOutputRedirected));
        foreach (var p in all.OfType<ProgbarLogger>()) p.Epochs = epochs;
        var history = new History();
        var logs = new BatchLogs(_metrics);
        StopTraining = false;
        var callbackList = new CallbackList(all);
        callbackList.Attach(this);
        callbackList.OnTrainBegin();

        for (int epoch = initialEpoch; epoch < epochs; epoch++)
        {
            callbackList.OnEpochBegin(epoch);
            batches.StartEpoch(epoch);
            foreach (var m in _metrics) m.Reset();
            double lossSum = 0;
            long seen = 0;
            logs.Epoch = epoch;
            logs.BatchesPerEpoch = batches.Count;
            for (int b = 0; b < batches.Count; b++)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    Raise(history, callbackList, new TrainingEvent(TrainingEventKind.Cancelled, epoch, b, Iterations,
                        $"Cancelled before batch {b + 1} of epoch {epoch + 1}."));
                    cancellationToken.ThrowIfCancellationRequested();
                }
                var (bx, by) = batches.Get(b);
                SetRandomLayerStep((long)epoch * batches.Count + b);
                var (loss, result) = Step(bx, by);
                int count = bx.Shape[0];
                lossSum += (double)loss * count;
                seen += count;
                logs.Batch = b;
                logs.Size = count;
                logs.BatchLoss = loss;
                logs.Loss = lossSum / seen;
                logs.StepResult = result;
                if (!float.IsFinite(loss))
                    Raise(history, callbackList, new TrainingEvent(TrainingEventKind.NonFiniteLoss, epoch, b, Iterations,
                        $"The loss is {loss}: training is diverging (lower the learning rate, clip gradients)."));
                if (result == StepResult.SkippedNonFinite)
                    Raise(history, callbackList, new TrainingEvent(TrainingEventKind.SkippedStep, epoch, b, Iterations,
                        "The optimizer skipped the step: a gradient was not finite."));
                else if (result == StepResult.Overflowed)
                    Raise(history, callbackList, new TrainingEvent(TrainingEventKind.OverflowedStep, epoch, b, Iterations,
                        (_backend?.LastOverflow ?? _optimizer!.LastOverflow)!.ToString()));
                callbackList.OnBatchEnd(b, logs);
                progress?.Report(new FitProgress(epoch, epochs, b + 1, batches.Count, logs.Loss, null));
                if (StopTraining) break;
            }

            var epochLogs = new Dictionary<string, double>(StringComparer.Ordinal) { ["loss"] = lossSum / seen };
            foreach (var m in _metrics) epochLogs[m.Name] = m.Result();
            if (valX is not null)
            {
                var (valLoss, valMetrics) = EvaluateCore(valX, valY!, batchSize);
                epochLogs["val_loss"] = valLoss;
                for (int i = 0; i < _metrics.Length; i++) epochLogs["val_" + _metrics[i].Name] = valMetrics[i];
            }
            epochLogs["learning_rate"] = CurrentLearningRate;
            CompletedEpochs = epoch + 1;
            history.AddEpoch(epoch, epochLogs);
            callbackList.OnEpochEnd(epoch, epochLogs);
            progress?.Report(new FitProgress(epoch, epochs, batches.Count, batches.Count, epochLogs["loss"], epochLogs));
            if (StopTraining)
            {
                if (epoch + 1 < epochs)
                    Raise(history, callbackList, new TrainingEvent(TrainingEventKind.Stopped, epoch, -1, Iterations,
                        $"A callback stopped training after epoch {epoch + 1} of {epochs}."));
                break;
            }
        }
        SynchronizeBackend();
        callbackList.OnTrainEnd();
        return history;
    }

    /// <summary>
    /// One training step on one batch (Keras <c>train_on_batch</c>): clears the gradients, runs the
    /// layers in training mode on the model's reused tape, computes the loss, back-propagates, lets
    /// the optimizer apply the step and updates the metrics. Allocates nothing once warmed up.
    /// </summary>
    /// <returns>The batch's loss.</returns>
    public float TrainOnBatch(Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        EnsureCanTrain();
        if (x.Shape.Rank == 0 || y.Shape.Rank == 0 || x.Shape[0] != y.Shape[0])
            throw new ArgumentException($"x {x.Shape} and y {y.Shape} must have the same number of rows.", nameof(y));
        return Step(x, y).Loss;
    }

    private (float Loss, StepResult Result) Step(Tensor x, Tensor y)
    {
        if (_backend is not null) return BackendStep(x, y);
        float value = ComputeGradients(x, y, out var prediction);
        // Nothing ran between the zeroed arena and the backward pass that wrote it: what the pass vouched for holds.
        _witness.Record(_arena!, _trainTape!);
        var result = _optimizer!.Apply(_witness);
        foreach (var m in _metrics) m.Update(prediction, y);
        return (value, result);
    }

    /// <summary>
    /// Forward in training mode and backward on the model's reused tape, without the optimizer
    /// step: leaves the batch's mean-loss gradients in the arena (a data-parallel backend combines
    /// them across processes before stepping). Returns the loss; <paramref name="prediction"/> is
    /// the outputs, valid until the next step.
    /// </summary>
    internal float ComputeGradients(Tensor x, Tensor y, out Tensor prediction)
    {
        var tape = _trainTape!;
        // The arena is not zeroed first: each gradient's first write overwrites it, and what the
        // pass leaves unwritten is zero-filled after it.
        tape.Reset(parameterGradientsStale: true);
        var output = Forward(tape, x, training: true);
        var loss = _loss!.Call(tape, output, y);
        float value = loss.Value[0];
        tape.Backward(loss);
        tape.ZeroGradientsNotWritten(_arena!);
        prediction = output.Value;
        return value;
    }

    /// <summary>What the last training step's backward pass vouched for <paramref name="parameter"/>'s gradient.</summary>
    internal Autograd.GradientFiniteness TrainTapeFiniteness(Parameter parameter) => _trainTape!.FinitenessOf(parameter);

    // Dropout masks are a pure function of (layer seed, step); tying the step to the position in
    // the run (not to a count of calls) makes a resumed Fit draw the masks an uninterrupted one draws.
    private void SetRandomLayerStep(long step)
    {
        foreach (var layer in _layers)
        {
            if (layer is DropoutBase dropout) dropout.Step = step;
        }
    }

    private void EnsureCanTrain()
    {
        if (_optimizer is null) throw NotCompiled();
        if (_arena!.DetachedParameter is { } moved)
            throw new InvalidOperationException(
                $"Model '{Name}' cannot train: parameter '{moved}' now belongs to another model (its layer was reused there). " +
                "Train the new model, or clone the layers (Sequential.CloneModel) to keep both.");
        if (!HasTrainableParameter())
            throw new InvalidOperationException($"Model '{Name}' has no trainable parameters: every layer is frozen.");
    }

    // A plain loop: TrainOnBatch checks this every step and must not allocate.
    private bool HasTrainableParameter()
    {
        var parameters = _arena!.Parameters;
        for (int i = 0; i < parameters.Count; i++)
            if (parameters[i].Trainable) return true;
        return false;
    }

    private static void Raise(History history, CallbackList callbacks, TrainingEvent e)
    {
        history.AddEvent(e);
        callbacks.OnTrainingEvent(e);
    }

    // Everything is checked once per data set, before the first step: a bad sample found in
    // batch 50 would otherwise stop a run that has already changed the model, and name the
    // sample's position in a shuffled batch rather than in the data.
    private void CheckData(Tensor x, Tensor y, string xName, string yName)
    {
        ArgumentNullException.ThrowIfNull(x, xName);
        ArgumentNullException.ThrowIfNull(y, yName);
        if (x.Shape.Rank == 0 || y.Shape.Rank == 0 || x.Shape[0] != y.Shape[0])
            throw new ArgumentException($"{xName} {x.Shape} and {yName} {y.Shape} must have the same number of rows.", yName);
        if (x.Shape[0] == 0)
            throw new ArgumentException($"{xName} has no samples.", xName);
        CheckInput(x, xName);
        CheckFinite(y, yName);
        _loss!.CheckTargets(new Shape([x.Shape[0], .. OutputShape.Dimensions]), y, yName);
    }

    private void CheckInput(Tensor x, string name)
    {
        if (!TakesBatch(x.Shape))
            throw new ArgumentException($"Model '{Name}' takes inputs of shape {BatchShape(InputShape!)}; {name} has shape {x.Shape}.", name);
        CheckFinite(x, name);
    }

    private static void CheckFinite(Tensor t, string name)
    {
        var span = t.Span;
        int i = NonFiniteSearch.IndexOfFirst(span);
        if (i < 0) return;
        int row = t.Size / t.Shape[0];
        throw new ArgumentException($"{name}: element {i % row} of sample {i / row} is {span[i]}; training data must be finite.", name);
    }
}
