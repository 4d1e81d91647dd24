namespace Inertia.Cli.Trajectories;

/// <summary>
/// What one optimizer's path did, measured from its points: where it ended, how far that is from
/// the nearest minimum, the first step within <see cref="PathMeasures.Tolerance"/> of one, how
/// often it crossed the minimum's x or y level by more than <see cref="PathMeasures.CrossingThreshold"/>
/// on both sides, and the first step outside the plot's frame.
/// </summary>
internal sealed record PathOutcome(
    string Optimizer,
    int Steps,
    bool Diverged,
    (double X, double Y) End,
    double FinalDistance,
    int? StepsToTolerance,
    int Crossings,
    int? FirstStepOutsideFrame);

/// <summary>The definitions behind <see cref="PathOutcome"/>: results.json states them, and the caption test recomputes them from trajectories.csv.</summary>
internal static class PathMeasures
{
    /// <summary>A path "reaches" a minimum when a point lies within this distance of one.</summary>
    public const double Tolerance = 0.05;

    /// <summary>A crossing counts only when the path is this far from the minimum's level on both sides, so float noise at the minimum is not an oscillation.</summary>
    public const double CrossingThreshold = 0.01;

    /// <summary>Crossings from which a path is said to oscillate (a single overshoot is not an oscillation).</summary>
    public const int OscillationCrossings = 3;

    public static PathOutcome Measure(TestFunction f, Trajectory path, PlotFrame frame)
    {
        var points = path.Points;
        int? reached = null;
        for (int i = 0; i < points.Count && reached is null; i++)
            if (Distance(f, points[i]) <= Tolerance) reached = i;
        return new PathOutcome(path.Optimizer, points.Count - 1, path.Diverged, path.End, Distance(f, path.End), reached,
            Crossings(points, Nearest(f, path.End)), frame.FirstOutside(points));
    }

    public static double Distance(TestFunction f, (double X, double Y) p) => f.Minima.Min(m => Math.Sqrt((p.X - m.X) * (p.X - m.X) + (p.Y - m.Y) * (p.Y - m.Y)));

    private static (double X, double Y) Nearest(TestFunction f, (double X, double Y) p) =>
        f.Minima.MinBy(m => (p.X - m.X) * (p.X - m.X) + (p.Y - m.Y) * (p.Y - m.Y));

    private static int Crossings(IReadOnlyList<(double X, double Y)> points, (double X, double Y) minimum) =>
        Crossings(points.Select(p => p.X - minimum.X)) + Crossings(points.Select(p => p.Y - minimum.Y));

    private static int Crossings(IEnumerable<double> offsets)
    {
        int crossings = 0, side = 0;
        foreach (double d in offsets)
        {
            if (Math.Abs(d) <= CrossingThreshold) continue;
            int s = Math.Sign(d);
            if (side != 0 && s != side) crossings++;
            side = s;
        }
        return crossings;
    }
}
