using Inertia.Cli.Race;

namespace Inertia.Cli.Ratings;

/// <summary>One optimizer's row of the results table: measurements over its seeds, and its ratings.</summary>
internal sealed record OptimizerSummary(
    string Optimizer,
    IReadOnlyList<RunResult> Runs,
    int ReachedTarget,
    Statistic EpochsToTarget,
    Statistic SecondsToTarget,
    Statistic LossArea,
    Statistic BestAccuracy,
    Statistic FinalAccuracy,
    Statistic FinalLoss,
    double StateBytesPerParameter,
    int Speed,
    int Quality,
    BookRating? Book,
    string? Explanation,
    bool Diverged = false)
{
    public string DisplayName => OptimizerCatalog.DisplayName(Optimizer);

    public bool SpeedDisagrees => !Diverged && Book is not null && !Book.Speed.Contains(Speed);

    public bool QualityDisagrees => !Diverged && Book is not null && !Book.Quality.Contains(Quality);

    public bool Disagrees => SpeedDisagrees || QualityDisagrees;

    public string TargetText => ReachedTarget == 0
        ? "not reached"
        : $"{EpochsToTarget.Format("0.#")} ep / {SecondsToTarget.Format("0.0")} s" + (ReachedTarget < Runs.Count ? $" ({ReachedTarget}/{Runs.Count} seeds)" : "");
}
