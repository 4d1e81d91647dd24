using Inertia.Training;
using Inertia.Training.Callbacks;

namespace Inertia.RankHost;

/// <summary>Requests cancellation after batch <paramref name="afterBatch"/> of the first epoch (never for −1).</summary>
public sealed class CancelAt(int afterBatch, CancellationTokenSource request) : Callback
{
    public override void OnBatchEnd(int batch, BatchLogs logs)
    {
        if (batch == afterBatch) request.Cancel();
    }
}
