using Inertia.Training;
using Inertia.Training.Callbacks;

namespace Inertia.RankHost;

/// <summary>Throws after batch <paramref name="failBatch"/> of epoch <paramref name="failEpoch"/> (never for epoch −1).</summary>
public sealed class FailAt(int failEpoch, int failBatch) : Callback
{
    private int _epoch;

    public override void OnEpochBegin(int epoch) => _epoch = epoch;

    public override void OnBatchEnd(int batch, BatchLogs logs)
    {
        if (_epoch == failEpoch && batch == failBatch)
            throw new InvalidOperationException($"injected failure at epoch {failEpoch} batch {failBatch}");
    }
}
