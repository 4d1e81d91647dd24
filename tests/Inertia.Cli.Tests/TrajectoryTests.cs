using Inertia.Cli.Ratings;
using Inertia.Cli.Trajectories;

namespace Inertia.Cli.Tests;

public class TrajectoryTests
{
    private static readonly TestFunction Bowl = TestFunction.All.Single(f => f.Name == "Elongated bowl");
    private static readonly TestFunction Saddle = TestFunction.All.Single(f => f.Name == "Saddle");

    private static Trajectory Trace(TestFunction f, string optimizer, int? steps = null) =>
        TrajectoryTracer.Trace(steps is null ? f : f with { Steps = steps.Value }, optimizer, OptimizerCatalog.ChapterSettings(optimizer));

    [Fact]
    public void Adams_first_step_moves_each_coordinate_by_about_the_learning_rate()
    {
        var path = Trace(Bowl, "adam", 1);
        Assert.Equal(Bowl.LearningRate, Math.Abs(path.Points[1].X - path.Points[0].X), 3);
        Assert.Equal(Bowl.LearningRate, Math.Abs(path.Points[1].Y - path.Points[0].Y), 3);
    }

    [Fact]
    public void Momentum_overshoots_the_bowls_minimum_where_gradient_descent_does_not()
    {
        Assert.Contains(Trace(Bowl, "momentum").Points, p => p.X > 0.1);
        Assert.DoesNotContain(Trace(Bowl, "sgd").Points, p => p.X > 0);
    }

    [Fact]
    public void Nag_damps_momentums_oscillation()
    {
        double Overshoot(string o) => Trace(Bowl, o).Points.Max(p => p.X);
        Assert.True(Overshoot("nag") < Overshoot("momentum"));
    }

    [Fact]
    public void Adagrads_steps_shrink_as_gradients_accumulate()
    {
        var p = Trace(Bowl, "adagrad").Points;
        double Step(int i) => Math.Sqrt(Math.Pow(p[i + 1].X - p[i].X, 2) + Math.Pow(p[i + 1].Y - p[i].Y, 2));
        Assert.True(Step(p.Count - 2) < Step(0) / 5);
    }

    [Fact]
    public void Adaptive_methods_escape_the_saddle_where_gradient_descent_lingers()
    {
        Assert.True(Math.Abs(Trace(Saddle, "sgd", 50).End.Y) < 0.05);
        Assert.True(Math.Abs(Trace(Saddle, "adam", 50).End.Y) > 0.5);
    }

    [Fact]
    public void A_diverging_path_is_claimed_diverged_and_drawn_only_up_to_the_frames_edge()
    {
        // At 0.12 a gradient step multiplies y by 1 − 0.12·20 = −1.4: SGD runs away; Adam's steps stay about 0.12.
        var bowl = Bowl with { LearningRate = 0.12 };
        var set = new TrajectorySet(bowl, [Trace(bowl, "sgd"), Trace(bowl, "adam")]);
        var caption = TrajectoryCaption.Of(set);
        var sgd = set.Paths[0];
        Assert.True(sgd.Diverged);
        var diverged = caption.Claims.Single(c => c.Kind == ClaimKind.Diverged);
        Assert.Equal(["sgd"], diverged.Optimizers);
        Assert.Equal([(double)(sgd.Points.Count - 1)], diverged.Values);
        Assert.Contains($"Diverged (stopped more than 20 plot widths away): SGD after {sgd.Points.Count - 1} steps.", caption.Text);
        // The frame grows for Adam's path but not out to SGD's: SGD is cut where it crosses the edge.
        var frame = caption.Frame;
        int k = frame.FirstOutside(sgd.Points)!.Value;
        var (x, y) = frame.Exit(sgd.Points[k - 1], sgd.Points[k]);
        Assert.InRange(x, frame.XMin - 1e-9, frame.XMax + 1e-9);
        Assert.InRange(y, frame.YMin - 1e-9, frame.YMax + 1e-9);
        Assert.True(Math.Abs(y - frame.YMax) < 1e-9 || Math.Abs(y - frame.YMin) < 1e-9, $"exit ({x}, {y}) is not on the frame's top or bottom edge {frame}");
        Assert.Null(frame.FirstOutside(set.Paths[1].Points));
    }

    [Fact]
    public void Every_function_has_the_gradient_of_its_value()
    {
        foreach (var f in TestFunction.All)
            foreach (var (x, y) in new[] { (0.3, -0.7), (1.1, 0.4), (-1.3, 1.2) })
            {
                const double h = 1e-6;
                var (dx, dy) = f.Gradient(x, y);
                Assert.Equal((f.Value(x + h, y) - f.Value(x - h, y)) / (2 * h), dx, 4);
                Assert.Equal((f.Value(x, y + h) - f.Value(x, y - h)) / (2 * h), dy, 4);
            }
    }
}
