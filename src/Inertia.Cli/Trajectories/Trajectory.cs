namespace Inertia.Cli.Trajectories;

/// <summary>One optimizer's path on a 2-D test function, from the start point, one point per step.</summary>
internal sealed record Trajectory(string Optimizer, double LearningRate, IReadOnlyList<(double X, double Y)> Points, bool Diverged)
{
    public (double X, double Y) End => Points[^1];
}

/// <summary>Every optimizer's path on one test function.</summary>
internal sealed record TrajectorySet(TestFunction Function, IReadOnlyList<Trajectory> Paths);
