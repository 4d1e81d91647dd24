namespace Inertia.Cli.Trajectories;

/// <summary>
/// The rectangle a trajectory plot shows: the function's own view, grown to hold every path that
/// stays near it (so an overshoot is seen, not cut off), but never beyond <see cref="MaxGrowth"/>
/// view sizes on a side; a path that leaves even that is cut where it leaves and marked there.
/// </summary>
internal sealed record PlotFrame(double XMin, double XMax, double YMin, double YMax)
{
    /// <summary>How far, in view widths and heights, the frame may grow past the view on each side.</summary>
    public const double MaxGrowth = 1.0;

    private const double Margin = 0.04;

    public static PlotFrame Of(TrajectorySet set)
    {
        var (vx0, vx1, vy0, vy1) = set.Function.View;
        double w = vx1 - vx0, h = vy1 - vy0;
        var limit = new PlotFrame(vx0 - MaxGrowth * w, vx1 + MaxGrowth * w, vy0 - MaxGrowth * h, vy1 + MaxGrowth * h);
        double x0 = vx0, x1 = vx1, y0 = vy0, y1 = vy1;
        foreach (var path in set.Paths)
            foreach (var (x, y) in path.Points)
            {
                if (!limit.Contains(x, y)) break;
                x0 = Math.Min(x0, x); x1 = Math.Max(x1, x);
                y0 = Math.Min(y0, y); y1 = Math.Max(y1, y);
            }
        bool grown = x0 < vx0 || x1 > vx1 || y0 < vy0 || y1 > vy1;
        if (!grown) return new PlotFrame(vx0, vx1, vy0, vy1);
        // A margin only where the frame grew, so a path point never sits on the frame's edge.
        double mx = Margin * (x1 - x0), my = Margin * (y1 - y0);
        return new PlotFrame(x0 < vx0 ? x0 - mx : x0, x1 > vx1 ? x1 + mx : x1, y0 < vy0 ? y0 - my : y0, y1 > vy1 ? y1 + my : y1);
    }

    public bool Contains(double x, double y) => x >= XMin && x <= XMax && y >= YMin && y <= YMax;

    /// <summary>The index of the first point outside the frame, or null when the path stays inside.</summary>
    public int? FirstOutside(IReadOnlyList<(double X, double Y)> points)
    {
        for (int i = 0; i < points.Count; i++)
            if (!Contains(points[i].X, points[i].Y)) return i;
        return null;
    }

    /// <summary>Where the segment from <paramref name="inside"/> to <paramref name="outside"/> crosses the frame's edge.</summary>
    public (double X, double Y) Exit((double X, double Y) inside, (double X, double Y) outside)
    {
        double t = 1;
        double dx = outside.X - inside.X, dy = outside.Y - inside.Y;
        if (outside.X > XMax) t = Math.Min(t, (XMax - inside.X) / dx);
        if (outside.X < XMin) t = Math.Min(t, (XMin - inside.X) / dx);
        if (outside.Y > YMax) t = Math.Min(t, (YMax - inside.Y) / dy);
        if (outside.Y < YMin) t = Math.Min(t, (YMin - inside.Y) / dy);
        if (!double.IsFinite(t)) t = 0;
        return (inside.X + t * dx, inside.Y + t * dy);
    }
}
