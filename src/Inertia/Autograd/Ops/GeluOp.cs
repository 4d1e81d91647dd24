namespace Inertia.Autograd.Ops;

/// <summary>
/// GELU. Exact (Keras's default): y = x·Φ(x) with Φ the standard normal CDF; backward
/// dx += dy·(Φ(x) + x·φ(x)). Approximate: y = ½x(1 + tanh(√(2/π)(x + 0.044715x³))). The forward
/// keeps Φ (or the tanh) for backward; both are evaluated in double.
/// </summary>
internal sealed class GeluOp : UnaryOp
{
    private const double InvSqrt2 = 0.70710678118654752;
    private const double InvSqrt2Pi = 0.39894228040143268;
    private const double SqrtTwoOverPi = 0.79788456080286536;
    private const double Cubic = 0.044715;

    internal bool Approximate;

    protected override bool UsesScratch => true;

    protected override void Forward(ReadOnlySpan<float> x, Span<float> y, Span<float> keep)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i];
            if (Approximate)
            {
                double t = Math.Tanh(SqrtTwoOverPi * (v + Cubic * v * v * v));
                keep[i] = (float)t;
                y[i] = (float)(0.5 * v * (1 + t));
            }
            else
            {
                double cdf = 0.5 * SpecialFunctions.Erfc(-v * InvSqrt2);
                keep[i] = (float)cdf;
                y[i] = (float)(v * cdf);
            }
        }
    }

    protected override void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> keep,
        ReadOnlySpan<float> dy, Span<float> dx)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i], k = keep[i];
            double d = Approximate
                ? 0.5 * (1 + k) + 0.5 * v * (1 - k * k) * SqrtTwoOverPi * (1 + 3 * Cubic * v * v)
                : k + v * InvSqrt2Pi * Math.Exp(-0.5 * v * v);
            dx[i] += (float)(dy[i] * d);
        }
    }
}

/// <summary>GELU on the tape.</summary>
public static class GeluExtensions
{
    /// <summary>Gaussian error linear unit; <paramref name="approximate"/> selects the tanh form (Keras default: exact erf form).</summary>
    public static Variable Gelu(this Tape tape, Variable x, bool approximate = false)
    {
        var op = tape.NextOp<GeluOp>();
        op.Approximate = approximate;
        return op.Apply(tape, x);
    }
}
