using Inertia.Cli.Race;

namespace Inertia.Cli.Ratings;

/// <summary>Aggregates the runs of a race into one rated row per optimizer, in race order.</summary>
internal static class Summarizer
{
    public static IReadOnlyList<OptimizerSummary> Summarize(IReadOnlyList<RunResult> runs, double targetAccuracy, int epochs)
    {
        var groups = runs.Where(r => r.Epochs.Count > 1).GroupBy(r => r.Optimizer).ToList();
        if (groups.Count == 0) return [];
        var areas = groups.ToDictionary(g => g.Key, g => Statistic.Of(g.Select(r => r.ValidationLossArea())));
        var finals = groups.ToDictionary(g => g.Key, g => Statistic.Of(g.Select(r => r.Final.ValidationAccuracy)));
        double bestArea = areas.Values.Min(a => a.Mean);
        double bestFinal = finals.Values.Max(a => a.Mean);
        string fastest = areas.MinBy(kv => kv.Value.Mean).Key;
        string mostAccurate = finals.MaxBy(kv => kv.Value.Mean).Key;
        var context = new RaceContext(groups.ToDictionary(g => g.Key, g => g.First().Settings), bestArea, bestFinal, fastest, mostAccurate, epochs, areas.ToDictionary(kv => kv.Key, kv => kv.Value.Mean));

        var rows = new List<OptimizerSummary>();
        foreach (var g in groups)
        {
            var list = g.ToList();
            var reached = list.Select(r => r.FirstReaching(targetAccuracy)).Where(e => e is not null).Select(e => e!).ToList();
            int speed = RatingRule.Speed(areas[g.Key].Mean, bestArea);
            int quality = RatingRule.Quality(finals[g.Key].Mean, bestFinal);
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
                speed, quality, book, null);
            rows.Add(row with { Explanation = Disagreement.Explain(row, context) });
        }
        return rows;
    }
}
