namespace Inertia.Training.Callbacks;

/// <summary>Stops training as soon as a batch's loss is NaN or infinite (Keras <c>TerminateOnNaN</c>).</summary>
public sealed class TerminateOnNaN : Callback
{
    /// <summary>The epoch and batch whose loss was not finite, once it happened.</summary>
    public (int Epoch, int Batch)? TerminatedAt { get; private set; }

    /// <inheritdoc />
    public override void OnTrainBegin() => TerminatedAt = null;

    /// <inheritdoc />
    public override void OnBatchEnd(int batch, BatchLogs logs)
    {
        if (double.IsFinite(logs.BatchLoss)) return;
        TerminatedAt = (logs.Epoch, batch);
        Model.StopTraining = true;
    }
}
