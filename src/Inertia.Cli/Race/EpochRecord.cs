namespace Inertia.Cli.Race;

/// <summary>
/// Metrics after one epoch (epoch 0: the initial weights, before any step). Seconds count wall
/// time from the start of training, validation included.
/// </summary>
internal sealed record EpochRecord(int Epoch, double Seconds, double TrainLoss, double TrainAccuracy, double ValidationLoss, double ValidationAccuracy);
