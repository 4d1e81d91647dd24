using Inertia.Cli.Race;

namespace Inertia.Cli.Ratings;

/// <summary>
/// Aggregates the runs of a race into one rated row per optimizer, in race order. An optimizer
/// with a diverged run is not rated (speed and quality 0) and is never the reference the others
/// are rated against, nor the fastest or most accurate of an explanation.
/// </summary>
internal static class Summarizer
{
    public static IReadOnlyList<OptimizerSummary> Summarize(IReadOnlyList<RunResult> runs, double targetAccuracy, int epochs)
    {
        var groups = runs.Where(r => r.Epochs.Count > 1).GroupBy(r => r.Optimizer).ToList();
        if (groups.Count == 0) return [];
        var areas = groups.ToDictionary(g => g.Key, g => Statistic.Of(g.Select(r => r.ValidationLossArea())));
        var finals = groups.ToDictionary(g => g.Key, g => Statistic.Of(g.Select(r => r.Final.ValidationAccuracy)));
        var diverged = groups.Where(g => g.Any(r => r.Diverged)).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var rated = groups.Where(g => !diverged.Contains(g.Key)).Select(g => g.Key).ToList();
        double bestArea = rated.Count > 0 ? rated.Min(o => areas[o].Mean) : double.NaN;
        double bestFinal = rated.Count > 0 ? rated.Max(o => finals[o].Mean) : double.NaN;
        string fastest = rated.Count > 0 ? rated.MinBy(o => areas[o].Mean)! : "";
        string mostAccurate = rated.Count > 0 ? rated.MaxBy(o => finals[o].Mean)! : "";
        var context = new RaceContext(groups.ToDictionary(g => g.Key, g => g.First().Settings), bestArea, bestFinal, fastest, mostAccurate, epochs, areas.ToDictionary(kv => kv.Key, kv => kv.Value.Mean));

        var rows = new List<OptimizerSummary>();
        foreach (var g in groups)
        {
            var list = g.ToList();
            var reached = list.Select(r => r.FirstReaching(targetAccuracy)).Where(e => e is not null).Select(e => e!).ToList();
            bool divergedRun = diverged.Contains(g.Key);
            int speed = divergedRun ? 0 : RatingRule.Speed(areas[g.Key].Mean, bestArea);
            int quality = divergedRun ? 0 : RatingRule.Quality(finals[g.Key].Mean, bestFinal);
            var book = OptimizerCatalog.BookRatingOf(g.Key);
            var row = new OptimizerSummary(
                g.Key, list, reached.Count,
                Statistic.Of(reached.Select(e => (double)e.Epoch)),
                Statistic.Of(reached.Select(e => e.Seconds)),
                areas[g.Key],
                Statistic.Of(list.Select(r => r.BestValidationAccuracy)),
                finals[g.Key],
                Statistic.Of(list.Select(r => r.Final.ValidationLoss)),
                list[0].StateBytesPerParameter,
                speed, quality, book, null, divergedRun);
            rows.Add(row with { Explanation = divergedRun ? DivergedNote(list) : Disagreement.Explain(row, context) });
        }
        return rows;
    }

    private static string DivergedNote(IReadOnlyList<RunResult> runs)
    {
        var bad = runs.Where(r => r.Diverged).ToList();
        int overflowed = bad.Sum(r => r.OverflowedSteps);
        int epoch = bad.Select(r => r.Epochs.Skip(1).FirstOrDefault(e => !double.IsFinite(e.TrainLoss) || !double.IsFinite(e.ValidationLoss)
            || !double.IsFinite(e.TrainAccuracy) || !double.IsFinite(e.ValidationAccuracy))?.Epoch ?? 0).Where(e => e > 0).DefaultIfEmpty(0).Min();
        string why = string.Join(" and ", new[]
        {
            overflowed > 0 ? $"{overflowed} update(s) overflowed" : null,
            epoch > 0 ? $"its loss or accuracy was not finite from epoch {epoch}" : null,
        }.Where(s => s is not null));
        return $"{OptimizerCatalog.DisplayName(runs[0].Optimizer)} diverged in {bad.Count} of {runs.Count} run(s) ({why}): it is not rated, and the others are rated against the runs that did not diverge.";
    }
}
