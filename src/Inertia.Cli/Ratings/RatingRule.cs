namespace Inertia.Cli.Ratings;

/// <summary>
/// Turns measurements into stars, relative to the best optimizer in the same race (so the rule
/// does not depend on the data set's difficulty). Documented in docs/compare.md.
/// <list type="bullet">
/// <item>Speed: r = area under the validation-loss curve ÷ the smallest area in the race.
/// ★★★ when r ≤ 1.2, ★★ when r ≤ 1.5, ★ otherwise.</item>
/// <item>Quality: gap = the best final validation accuracy in the race − this one's, in
/// percentage points. ★★★ when gap ≤ 1, ★★ when gap ≤ 3, ★ otherwise.</item>
/// </list>
/// </summary>
internal static class RatingRule
{
    public const double FastRatio = 1.2;
    public const double MediumRatio = 1.5;
    public const double CloseGapPoints = 1.0;
    public const double MediumGapPoints = 3.0;

    public static int Speed(double area, double bestArea)
    {
        double r = area / bestArea;
        return r <= FastRatio ? 3 : r <= MediumRatio ? 2 : 1;
    }

    public static int Quality(double finalAccuracy, double bestFinalAccuracy)
    {
        double gap = GapPoints(finalAccuracy, bestFinalAccuracy);
        return gap <= CloseGapPoints ? 3 : gap <= MediumGapPoints ? 2 : 1;
    }

    // Rounded so that a gap of exactly one point in decimal is not 1.0000000000000009 in binary.
    public static double GapPoints(double accuracy, double best) => Math.Round(100 * (best - accuracy), 9);

    public const string Description =
        "Speed: r = area under the validation-loss curve ÷ the smallest area in this race; ★★★ if r ≤ 1.2, ★★ if r ≤ 1.5, else ★. " +
        "Quality: gap = best final validation accuracy in this race − this one's, in percentage points; ★★★ if gap ≤ 1, ★★ if gap ≤ 3, else ★.";
}
