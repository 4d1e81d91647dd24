using Inertia.Autograd;
using Inertia.Autograd.Ops;
using Inertia.Data;
using Inertia.Tensors;

namespace Inertia.Tests.Autograd;

/// <summary>
/// Finite-difference gradient checks in float32. The function's output y is reduced to
/// L = Σ w ⊙ y with fixed random weights w (so no symmetry can hide a wrong gradient); the tape's
/// ∂L/∂p is compared with central differences (L(p + h) − L(p − h)) / 2h, with L evaluated in
/// double from y. With h = 1e-2 on smooth functions (inputs kept away from kinks) the truncation
/// error is ~1e-4 relative and float rounding ~1e-5, so a tolerance of 1e-2 relative (plus a
/// small absolute floor) separates a correct gradient from a wrong one by orders of magnitude.
/// </summary>
internal static class GradientCheck
{
    public const float H = 1e-2f;
    public const double Relative = 1e-2;
    public const double Absolute = 2e-3;

    /// <summary>Checks ∂L/∂p for every element of every parameter (up to <paramref name="maxPerParameter"/> evenly spread ones).</summary>
    public static void Check(IReadOnlyList<Parameter> parameters, Func<Tape, Variable> f, int maxPerParameter = 64, double relative = Relative)
    {
        var probe = f(new Tape(recordGradients: false));
        var w = new Tensor(probe.Shape);
        var rng = new SeededRandom(12345);
        for (int i = 0; i < w.Size; i++) w[i] = (float)rng.NextDouble(0.5, 1.5) * (rng.NextDouble() < 0.5 ? -1 : 1);

        foreach (var p in parameters) p.Gradient.Span.Clear();
        var tape = new Tape();
        var y = f(tape);
        var loss = tape.Sum(tape.Multiply(y, tape.Constant(w)));
        tape.Backward(loss);

        foreach (var p in parameters)
        {
            if (!p.Trainable) continue;
            var analytic = p.Gradient.ToArray();
            int n = p.Size;
            int stride = Math.Max(1, n / maxPerParameter);
            for (int i = 0; i < n; i += stride)
            {
                float saved = p.Value[i];
                p.Value[i] = saved + H;
                double plus = Weighted(f, w);
                p.Value[i] = saved - H;
                double minus = Weighted(f, w);
                p.Value[i] = saved;
                double numeric = (plus - minus) / (2.0 * H);
                double a = analytic[i];
                double allowed = Absolute + relative * Math.Max(Math.Abs(a), Math.Abs(numeric));
                Assert.True(Math.Abs(a - numeric) <= allowed,
                    $"{p.Name}[{i}]: tape gradient {a:G6}, finite difference {numeric:G6} (allowed error {allowed:G3}).");
            }
        }
    }

    private static double Weighted(Func<Tape, Variable> f, Tensor w)
    {
        var y = f(new Tape(recordGradients: false)).Value.Span;
        var ws = w.Span;
        double sum = 0;
        for (int i = 0; i < y.Length; i++) sum += (double)ws[i] * y[i];
        return sum;
    }

    /// <summary>Parameters holding the given values (bound to their own arena), named p0, p1, ….</summary>
    public static Parameter[] Parameters(params Tensor[] values)
    {
        var ps = values.Select((t, i) => new Parameter($"p{i}", t.Shape)).ToArray();
        _ = new ParameterArena(ps);
        for (int i = 0; i < ps.Length; i++) values[i].Span.CopyTo(ps[i].Value.Span);
        return ps;
    }

    /// <summary>Uniform values in ±[<paramref name="gap"/>, <paramref name="max"/>]: away from 0, where ReLU-like functions have kinks.</summary>
    public static Tensor Random(Shape shape, ulong seed, double max = 2.0, double gap = 0.1)
    {
        var rng = new SeededRandom(seed);
        var t = new Tensor(shape);
        for (int i = 0; i < t.Size; i++)
            t[i] = (float)(rng.NextDouble(gap, max) * (rng.NextDouble() < 0.5 ? -1 : 1));
        return t;
    }

    /// <summary>Uniform values in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static Tensor Uniform(Shape shape, ulong seed, double low, double high)
    {
        var rng = new SeededRandom(seed);
        var t = new Tensor(shape);
        for (int i = 0; i < t.Size; i++) t[i] = (float)rng.NextDouble(low, high);
        return t;
    }
}
