namespace Inertia.Cli.Trajectories;

/// <summary>
/// A classic 2-D optimization test function with its analytic gradient, the start point every
/// optimizer leaves from, the learning rate all of them use on it (their other settings are the
/// race's), and the view the plot shows.
/// </summary>
internal sealed record TestFunction(
    string Name,
    string Formula,
    string WhatToSee,
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
            "An ill-conditioned quadratic: plain gradient descent zig-zags across the steep direction; momentum overshoots and oscillates; NAG damps the oscillation; AdaGrad's steps shrink as gradients accumulate.",
            (x, y) => 0.5 * (x * x + 20 * y * y),
            (x, y) => (x, 20 * y),
            (-4.0, 1.5), [(0.0, 0.0)], 0.06, 150, (-5, 1.5, -2, 2)),
        new("Rosenbrock",
            "f(x, y) = (1 − x)² + 100·(y − x²)²",
            "A curved, flat-bottomed valley: every method reaches the valley quickly, then crawls along it towards (1, 1); momentum and the adaptive methods crawl faster.",
            (x, y) => (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x),
            (x, y) => (-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)),
            (-1.2, 1.0), [(1.0, 1.0)], 0.002, 1000, (-1.6, 1.6, -0.6, 1.6)),
        new("Saddle",
            "f(x, y) = x²/2 − y²/2 + y⁴/4",
            "Starting almost on the saddle's ridge (y = 0.001), the gradient along y is tiny: gradient descent lingers near the saddle point; adaptive methods rescale the tiny gradient and escape at once.",
            (x, y) => 0.5 * x * x - 0.5 * y * y + 0.25 * y * y * y * y,
            (x, y) => (x, -y + y * y * y),
            (2.0, 0.001), [(0.0, 1.0), (0.0, -1.0)], 0.05, 150, (-0.8, 2.3, -0.5, 1.5)),
        new("Beale",
            "f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²",
            "Steep walls and a flat plateau around the minimum at (3, 0.5): methods that normalize the step (RMSprop, Adam) keep moving on the plateau where plain gradient descent slows down.",
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
