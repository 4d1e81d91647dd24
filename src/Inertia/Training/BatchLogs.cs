using Inertia.Metrics;
using Inertia.Optimizers;

namespace Inertia.Training;

/// <summary>
/// The state of the running epoch after a batch, handed to <see cref="Callbacks.Callback.OnBatchEnd"/>.
/// One instance is reused for every batch of a Fit run (so training allocates nothing per batch):
/// read it inside the callback, do not keep it.
/// </summary>
public sealed class BatchLogs
{
    internal BatchLogs(IReadOnlyList<Metric> metrics) => Metrics = metrics;

    /// <summary>Epoch index (0-based).</summary>
    public int Epoch { get; internal set; }

    /// <summary>Batch index within the epoch (0-based).</summary>
    public int Batch { get; internal set; }

    /// <summary>Batches in the epoch.</summary>
    public int BatchesPerEpoch { get; internal set; }

    /// <summary>Samples in this batch.</summary>
    public int Size { get; internal set; }

    /// <summary>This batch's loss.</summary>
    public double BatchLoss { get; internal set; }

    /// <summary>Mean loss over the samples of the epoch so far (Keras's progress-bar <c>loss</c>).</summary>
    public double Loss { get; internal set; }

    /// <summary>The compiled metrics, holding the epoch's running values (<see cref="Metric.Result"/>).</summary>
    public IReadOnlyList<Metric> Metrics { get; }

    /// <summary>What the optimizer did with this batch's gradients.</summary>
    public StepResult StepResult { get; internal set; }

    /// <summary>Whether the optimizer skipped this batch's step (non-finite gradient).</summary>
    public bool Skipped => StepResult == StepResult.SkippedNonFinite;

    /// <summary>Whether this batch's update overflowed in some elements, which kept their previous values (<see cref="StepResult.Overflowed"/>).</summary>
    public bool Overflowed => StepResult == StepResult.Overflowed;
}
