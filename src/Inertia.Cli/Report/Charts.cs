using Inertia.Cli.Race;
using Inertia.Cli.Ratings;
using Inertia.Cli.Trajectories;
using ScottPlot;

namespace Inertia.Cli.Report;

/// <summary>Draws the report's plots with ScottPlot as SVG text.</summary>
internal static class Charts
{
    private const int CurveWidth = 560, CurveHeight = 360;
    private const int PathWidth = 560, PathHeight = 420;

    /// <summary>Epochs between neighbouring optimizers' drawn points.</summary>
    public const double Dodge = 0.04;

    /// <summary>
    /// One line per optimizer (the mean over seeds) of a per-epoch measurement; the page's one legend
    /// names them. Each optimizer is drawn <see cref="Dodge"/> epochs beside the next, in race order,
    /// so that curves which coincide (SGD, momentum and NAG at the chapter's rates) stay visible side
    /// by side; the numbers themselves are the files'.
    /// </summary>
    public static string Curves(string title, string yLabel, IReadOnlyList<OptimizerSummary> rows, Func<EpochRecord, double> value, bool fromEpochZero)
    {
        EmbeddedFont.Install();
        var plot = new Plot();
        var lines = new List<(string, float)>();
        foreach (var row in LineStyles.WidestFirst(rows, r => r.Optimizer))
        {
            double offset = (IndexOf(rows, row) - (rows.Count - 1) / 2.0) * Dodge;
            int epochs = row.Runs.Min(r => r.Epochs.Count);
            int first = fromEpochZero ? 0 : 1;
            var xs = new List<double>();
            var ys = new List<double>();
            for (int e = first; e < epochs; e++)
            {
                double y = row.Runs.Average(r => value(r.Epochs[e]));
                if (!double.IsFinite(y)) continue;
                xs.Add(row.Runs[0].Epochs[e].Epoch + offset);
                ys.Add(y);
            }
            if (xs.Count == 0) continue;
            var style = LineStyles.Of(row.Optimizer);
            var line = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray(), LineStyles.LineColor(row.Optimizer));
            line.LineWidth = style.Width;
            line.MarkerSize = 6 + style.Width;
            line.MarkerShape = style.Marker;
            line.MarkerColor = Palette.Of(row.Optimizer);
            lines.Add((row.Optimizer, style.Width));
        }
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(yLabel);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        return LineStyles.ApplyPatterns(Svg(plot, CurveWidth, CurveHeight), lines);
    }

    /// <summary>
    /// The function's contours (log-spaced) and every optimizer's path from the common start, inside
    /// <see cref="TrajectoryCaption.Frame"/>: a path that leaves it is drawn up to the edge and marked
    /// there with a triangle, so no line runs off the plot unseen.
    /// </summary>
    public static string Paths(TrajectoryCaption caption)
    {
        EmbeddedFont.Install();
        var f = caption.Set.Function;
        var frame = caption.Frame;
        var plot = new Plot();
        const int n = 80;
        var grid = new Coordinates3d[n, n];
        double fMin = f.Minima.Min(m => f.Value(m.X, m.Y));
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double x = frame.XMin + (frame.XMax - frame.XMin) * j / (n - 1);
                double y = frame.YMin + (frame.YMax - frame.YMin) * i / (n - 1);
                // Log-spaced levels: these functions span many orders of magnitude around their minima.
                grid[i, j] = new Coordinates3d(x, y, Math.Log(1 + f.Value(x, y) - fMin));
            }
        var contours = plot.Add.ContourLines(grid, 14);
        contours.LineColor = Color.FromHex("#b8b8b8");
        contours.LabelStyle.IsVisible = false;
        var lines = new List<(string, float)>();
        foreach (var path in LineStyles.WidestFirst(caption.Set.Paths, p => p.Optimizer))
        {
            var style = LineStyles.Of(path.Optimizer);
            var color = Palette.Of(path.Optimizer);
            int? outside = frame.FirstOutside(path.Points);
            var shown = path.Points.Take(outside ?? path.Points.Count).ToList();
            if (outside is { } k && k > 0)
                shown.Add(frame.Exit(path.Points[k - 1], path.Points[k]));
            var line = plot.Add.ScatterLine(shown.Select(p => p.X).ToArray(), shown.Select(p => p.Y).ToArray(), LineStyles.LineColor(path.Optimizer));
            line.LineWidth = Math.Min(style.Width, 3f);
            lines.Add((path.Optimizer, line.LineWidth));
            var end = shown[^1];
            if (outside is null)
                plot.Add.Marker(end.X, end.Y, style.Marker, 8, color);
            else
            {
                var exit = plot.Add.Marker(end.X, end.Y, MarkerShape.FilledTriangleUp, 13, color);
                exit.MarkerStyle.OutlineColor = Colors.Black;
                exit.MarkerStyle.OutlineWidth = 1;
            }
        }
        plot.Add.Marker(f.Start.X, f.Start.Y, MarkerShape.OpenSquare, 10, Colors.Black);
        foreach (var m in f.Minima)
            plot.Add.Marker(m.X, m.Y, MarkerShape.Cross, 12, Colors.Black);
        plot.Axes.SetLimits(frame.XMin, frame.XMax, frame.YMin, frame.YMax);
        plot.Title($"{f.Name}: lr {f.LearningRate}, {f.Steps} steps");
        plot.XLabel("x");
        plot.YLabel("y");
        return LineStyles.ApplyPatterns(Svg(plot, PathWidth, PathHeight), lines);
    }

    private static int IndexOf(IReadOnlyList<OptimizerSummary> rows, OptimizerSummary row)
    {
        for (int i = 0; i < rows.Count; i++)
            if (ReferenceEquals(rows[i], row)) return i;
        return 0;
    }

    private static string Svg(Plot plot, int width, int height) =>
        plot.GetSvgXml(width, height).Replace($"font-family=\"{EmbeddedFont.Family}\"", $"font-family=\"{EmbeddedFont.CssStack}\"", StringComparison.Ordinal);
}
