namespace Inertia.Cli.Race;

/// <summary>One optimizer trained with one seed: its settings and per-epoch curves.</summary>
internal sealed record RunResult(
    string Optimizer,
    ulong Seed,
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyList<EpochRecord> Epochs,
    double StateBytesPerParameter,
    string InitialWeightsHash,
    int SkippedSteps,
    int OverflowedSteps)
{
    /// <summary>The first epoch whose validation accuracy reached <paramref name="target"/>, or null.</summary>
    public EpochRecord? FirstReaching(double target) => Epochs.Skip(1).FirstOrDefault(e => e.ValidationAccuracy >= target);

    /// <summary>Area under the validation-loss curve over epochs 0..E by the trapezoid rule.</summary>
    public double ValidationLossArea()
    {
        double area = 0;
        for (int i = 1; i < Epochs.Count; i++)
            area += 0.5 * (Epochs[i - 1].ValidationLoss + Epochs[i].ValidationLoss) * (Epochs[i].Epoch - Epochs[i - 1].Epoch);
        return area;
    }

    public double BestValidationAccuracy => Epochs.Skip(1).Max(e => e.ValidationAccuracy);

    public EpochRecord Final => Epochs[^1];

    /// <summary>
    /// Whether the run diverged: an update overflowed, or a loss or accuracy after training began
    /// is NaN or infinite. Such a run is never the reference of another's rating.
    /// </summary>
    public bool Diverged => OverflowedSteps > 0 || Epochs.Skip(1).Any(e =>
        !double.IsFinite(e.TrainLoss) || !double.IsFinite(e.TrainAccuracy) || !double.IsFinite(e.ValidationLoss) || !double.IsFinite(e.ValidationAccuracy));
}
