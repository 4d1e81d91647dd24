using System.Globalization;
using Inertia.Optimizers;
using Inertia.Tensors;

namespace Inertia.Cli.Trajectories;

/// <summary>
/// Drives the library's real optimizers on two parameters (x, y) of a 2-D test function: each step
/// writes the exact gradient into the arena's gradient block and calls <see cref="Optimizer.Apply()"/>.
/// </summary>
internal static class TrajectoryTracer
{
    /// <summary>A path leaving this far outside the view is stopped and marked diverged.</summary>
    private const double DivergenceFactor = 20;

    public static IReadOnlyList<TrajectorySet> TraceAll(IReadOnlyList<string> optimizers,
        IReadOnlyDictionary<string, SortedDictionary<string, object>> settings, CancellationToken cancellation)
    {
        var sets = new List<TrajectorySet>();
        foreach (var f in TestFunction.All)
        {
            cancellation.ThrowIfCancellationRequested();
            sets.Add(new TrajectorySet(f, optimizers.Select(o => Trace(f, o, settings[o])).ToList()));
        }
        return sets;
    }

    public static Trajectory Trace(TestFunction f, string optimizer, IReadOnlyDictionary<string, object> settings)
    {
        var text = Race.RaceSettings.AsText(settings);
        text["learningRate"] = f.LearningRate.ToString("R", CultureInfo.InvariantCulture);
        var opt = OptimizerFactory.Create(optimizer, text);
        var xy = new Parameter("xy", new Shape(2));
        var arena = new ParameterArena([xy]);
        var value = xy.Value.Span;
        value[0] = (float)f.Start.X;
        value[1] = (float)f.Start.Y;
        opt.Build(arena);
        var points = new List<(double, double)>(f.Steps + 1) { (value[0], value[1]) };
        var (xMin, xMax, yMin, yMax) = f.View;
        double reach = DivergenceFactor * Math.Max(xMax - xMin, yMax - yMin);
        bool diverged = false;
        for (int step = 0; step < f.Steps; step++)
        {
            var (dx, dy) = f.Gradient(xy.Value.Span[0], xy.Value.Span[1]);
            var gradient = xy.Gradient.Span;
            gradient[0] = (float)dx;
            gradient[1] = (float)dy;
            opt.Apply();
            double x = xy.Value.Span[0], y = xy.Value.Span[1];
            if (!double.IsFinite(x) || !double.IsFinite(y) || Math.Abs(x) > reach || Math.Abs(y) > reach)
            {
                diverged = true;
                break;
            }
            points.Add((x, y));
        }
        return new Trajectory(optimizer, f.LearningRate, points, diverged);
    }
}
