using Inertia.Cli.Race;
using Inertia.Cli.Ratings;
using Inertia.Cli.Trajectories;
using ScottPlot;

namespace Inertia.Cli.Report;

/// <summary>Draws the report's plots with ScottPlot as SVG text.</summary>
internal static class Charts
{
    private const int CurveWidth = 620, CurveHeight = 380;
    private const int PathWidth = 620, PathHeight = 440;

    /// <summary>One line per optimizer (the mean over seeds) of a per-epoch measurement.</summary>
    public static string Curves(string title, string yLabel, IReadOnlyList<OptimizerSummary> rows, Func<EpochRecord, double> value, bool fromEpochZero)
    {
        EmbeddedFont.Install();
        var plot = new Plot();
        foreach (var row in rows)
        {
            int epochs = row.Runs.Min(r => r.Epochs.Count);
            int first = fromEpochZero ? 0 : 1;
            var xs = new List<double>();
            var ys = new List<double>();
            for (int e = first; e < epochs; e++)
            {
                double y = row.Runs.Average(r => value(r.Epochs[e]));
                if (!double.IsFinite(y)) continue;
                xs.Add(row.Runs[0].Epochs[e].Epoch);
                ys.Add(y);
            }
            if (xs.Count == 0) continue;
            var line = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray(), Palette.Of(row.Optimizer));
            line.LineWidth = 2;
            line.MarkerSize = 5;
            line.MarkerShape = MarkerShape.FilledCircle;
            line.LegendText = row.DisplayName;
        }
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(yLabel);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.ShowLegend(Edge.Right);
        return Svg(plot, CurveWidth, CurveHeight);
    }

    /// <summary>The function's contours (log-spaced) and every optimizer's path from the common start.</summary>
    public static string Paths(TrajectorySet set)
    {
        EmbeddedFont.Install();
        var f = set.Function;
        var plot = new Plot();
        var (xMin, xMax, yMin, yMax) = f.View;
        const int n = 80;
        var grid = new Coordinates3d[n, n];
        double fMin = f.Minima.Min(m => f.Value(m.X, m.Y));
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double x = xMin + (xMax - xMin) * j / (n - 1);
                double y = yMin + (yMax - yMin) * i / (n - 1);
                // Log-spaced levels: these functions span many orders of magnitude around their minima.
                grid[i, j] = new Coordinates3d(x, y, Math.Log(1 + f.Value(x, y) - fMin));
            }
        var contours = plot.Add.ContourLines(grid, 14);
        contours.LineColor = Color.FromHex("#b8b8b8");
        contours.LabelStyle.IsVisible = false;
        foreach (var path in set.Paths)
        {
            var xs = path.Points.Select(p => p.X).ToArray();
            var ys = path.Points.Select(p => p.Y).ToArray();
            var line = plot.Add.ScatterLine(xs, ys, Palette.Of(path.Optimizer));
            line.LineWidth = 1.6f;
            line.LegendText = OptimizerCatalog.DisplayName(path.Optimizer) + (path.Diverged ? " (diverged)" : "");
            plot.Add.Marker(xs[^1], ys[^1], MarkerShape.FilledCircle, 6, Palette.Of(path.Optimizer));
        }
        plot.Add.Marker(f.Start.X, f.Start.Y, MarkerShape.OpenSquare, 10, Colors.Black);
        foreach (var m in f.Minima)
            plot.Add.Marker(m.X, m.Y, MarkerShape.Cross, 12, Colors.Black);
        plot.Axes.SetLimits(xMin, xMax, yMin, yMax);
        plot.Title($"{f.Name}: lr {f.LearningRate}, {f.Steps} steps");
        plot.XLabel("x");
        plot.YLabel("y");
        plot.ShowLegend(Edge.Right);
        return Svg(plot, PathWidth, PathHeight);
    }

    private static string Svg(Plot plot, int width, int height) =>
        plot.GetSvgXml(width, height).Replace($"font-family=\"{EmbeddedFont.Family}\"", $"font-family=\"{EmbeddedFont.CssStack}\"", StringComparison.Ordinal);
}
