namespace Inertia.Training;

/// <summary>
/// What <see cref="Sequential.Fit"/> reports to an <see cref="IProgress{T}"/>: after every batch
/// (with <see cref="EpochLogs"/> null) and once at the end of every epoch (with the epoch's logs).
/// </summary>
/// <param name="Epoch">Epoch index (0-based).</param>
/// <param name="Epochs">The epoch count Fit runs to.</param>
/// <param name="Batch">Batches done in this epoch.</param>
/// <param name="BatchesPerEpoch">Batches in an epoch.</param>
/// <param name="Loss">Running mean loss of the epoch.</param>
/// <param name="EpochLogs">At the end of an epoch: the values History records for it; otherwise null.</param>
public readonly record struct FitProgress(int Epoch, int Epochs, int Batch, int BatchesPerEpoch, double Loss,
    IReadOnlyDictionary<string, double>? EpochLogs);
