namespace Inertia.Training.Callbacks;

/// <summary>A callback made of delegates (Keras <c>LambdaCallback</c>), for quick hooks and events.</summary>
/// <param name="onEpochEnd">Called after each epoch with its logs.</param>
/// <param name="onBatchEnd">Called after each batch.</param>
/// <param name="onTrainingEvent">Called for every <see cref="TrainingEvent"/>.</param>
/// <param name="onEpochBegin">Called before each epoch.</param>
public sealed class LambdaCallback(
    Action<int, IReadOnlyDictionary<string, double>>? onEpochEnd = null,
    Action<int, BatchLogs>? onBatchEnd = null,
    Action<TrainingEvent>? onTrainingEvent = null,
    Action<int>? onEpochBegin = null) : Callback
{
    /// <inheritdoc />
    public override void OnEpochBegin(int epoch) => onEpochBegin?.Invoke(epoch);

    /// <inheritdoc />
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs) => onEpochEnd?.Invoke(epoch, logs);

    /// <inheritdoc />
    public override void OnBatchEnd(int batch, BatchLogs logs) => onBatchEnd?.Invoke(batch, logs);

    /// <inheritdoc />
    public override void OnTrainingEvent(TrainingEvent trainingEvent) => onTrainingEvent?.Invoke(trainingEvent);
}
