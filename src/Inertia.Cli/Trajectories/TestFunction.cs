namespace Inertia.Cli.Trajectories;

/// <summary>
/// A classic 2-D optimization test function with its analytic gradient, the start point every
/// optimizer leaves from, the learning rate all of them use on it (their other settings are the
/// race's), and the view the plot starts from. <see cref="About"/> says only what the function
/// is; what the optimizers did on it is measured (<see cref="TrajectoryCaption"/>).
/// </summary>
internal sealed record TestFunction(
    string Name,
    string Formula,
    string About,
    Func<double, double, double> Value,
    Func<double, double, (double Dx, double Dy)> Gradient,
    (double X, double Y) Start,
    (double X, double Y)[] Minima,
    double LearningRate,
    int Steps,
    (double XMin, double XMax, double YMin, double YMax) View)
{
    public static readonly IReadOnlyList<TestFunction> All =
    [
        new("Elongated bowl",
            "f(x, y) = (x² + 20·y²) / 2",
            "An ill-conditioned quadratic: 20 times steeper along y than along x, with its minimum at (0, 0).",
            (x, y) => 0.5 * (x * x + 20 * y * y),
            (x, y) => (x, 20 * y),
            (-4.0, 1.5), [(0.0, 0.0)], 0.06, 150, (-5, 1.5, -2, 2)),
        new("Rosenbrock",
            "f(x, y) = (1 − x)² + 100·(y − x²)²",
            "A curved, flat-bottomed valley whose floor bends towards the minimum at (1, 1); the gradient is steep across the valley and tiny along it.",
            (x, y) => (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x),
            (x, y) => (-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)),
            (-1.2, 1.0), [(1.0, 1.0)], 0.002, 1000, (-1.6, 1.6, -0.6, 1.6)),
        new("Saddle",
            "f(x, y) = x²/2 − y²/2 + y⁴/4",
            "A saddle point at (0, 0) between minima at (0, 1) and (0, −1); the start lies almost on the ridge (y = 0.001), where the gradient along y is tiny.",
            (x, y) => 0.5 * x * x - 0.5 * y * y + 0.25 * y * y * y * y,
            (x, y) => (x, -y + y * y * y),
            (2.0, 0.001), [(0.0, 1.0), (0.0, -1.0)], 0.05, 150, (-0.8, 2.3, -0.5, 1.5)),
        new("Beale",
            "f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²",
            "Steep walls around a flat plateau that holds the minimum at (3, 0.5).",
            Beale,
            BealeGradient,
            (1.0, 1.4), [(3.0, 0.5)], 0.003, 800, (-0.5, 3.6, -0.3, 1.8)),
    ];

    private static double Beale(double x, double y)
    {
        double a = 1.5 - x + x * y, b = 2.25 - x + x * y * y, c = 2.625 - x + x * y * y * y;
        return a * a + b * b + c * c;
    }

    private static (double, double) BealeGradient(double x, double y)
    {
        double a = 1.5 - x + x * y, b = 2.25 - x + x * y * y, c = 2.625 - x + x * y * y * y;
        double dx = 2 * a * (y - 1) + 2 * b * (y * y - 1) + 2 * c * (y * y * y - 1);
        double dy = 2 * a * x + 2 * b * 2 * x * y + 2 * c * 3 * x * y * y;
        return (dx, dy);
    }
}
