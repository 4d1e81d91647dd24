namespace Inertia.Training.Callbacks;

/// <summary>
/// Hooks into <see cref="Sequential.Fit"/> (Keras <c>keras.callbacks.Callback</c>). Override the
/// moments you need; <see cref="Model"/> is the model being trained.
/// </summary>
public abstract class Callback
{
    /// <summary>The model being trained; set before <see cref="OnTrainBegin"/>.</summary>
    public Sequential Model { get => _model ?? throw new InvalidOperationException($"{GetType().Name} is not attached to a model yet."); internal set => _model = value; }

    private Sequential? _model;

    /// <summary>Before the first epoch.</summary>
    public virtual void OnTrainBegin() { }

    /// <summary>After the last epoch (also after a stop; not after cancellation or an exception).</summary>
    public virtual void OnTrainEnd() { }

    /// <summary>Before an epoch's first batch.</summary>
    public virtual void OnEpochBegin(int epoch) { }

    /// <summary>After an epoch, with the values History records for it (<c>loss</c>, <c>val_loss</c>, <c>learning_rate</c>, …).</summary>
    public virtual void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs) { }

    /// <summary>After every training batch. <paramref name="logs"/> is reused: read it now, do not keep it.</summary>
    public virtual void OnBatchEnd(int batch, BatchLogs logs) { }

    /// <summary>When something notable happens: a non-finite loss, a skipped step, a stop.</summary>
    public virtual void OnTrainingEvent(TrainingEvent trainingEvent) { }
}
