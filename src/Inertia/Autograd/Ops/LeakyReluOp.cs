namespace Inertia.Autograd.Ops;

/// <summary>y = x for x ≥ 0, α·x below. Backward: dx += dy·(x ≥ 0 ? 1 : α).</summary>
internal sealed class LeakyReluOp : UnaryOp
{
    internal float Alpha;

    protected override void Forward(ReadOnlySpan<float> x, Span<float> y, Span<float> scratch)
    {
        float a = Alpha;
        for (int i = 0; i < x.Length; i++) y[i] = x[i] >= 0f ? x[i] : a * x[i];
    }

    protected override void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> scratch,
        ReadOnlySpan<float> dy, Span<float> dx)
    {
        float a = Alpha;
        for (int i = 0; i < x.Length; i++) dx[i] += x[i] >= 0f ? dy[i] : a * dy[i];
    }
}

/// <summary>Leaky ReLU on the tape.</summary>
public static class LeakyReluExtensions
{
    /// <summary>x for x ≥ 0, <paramref name="negativeSlope"/>·x below (Keras <c>leaky_relu</c>, default slope 0.2).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The slope is negative or not finite.</exception>
    public static Variable LeakyRelu(this Tape tape, Variable x, float negativeSlope = 0.2f)
    {
        if (!(negativeSlope >= 0f) || float.IsInfinity(negativeSlope))
            throw new ArgumentOutOfRangeException(nameof(negativeSlope), negativeSlope, "The negative slope must be a finite number ≥ 0.");
        var op = tape.NextOp<LeakyReluOp>();
        op.Alpha = negativeSlope;
        return op.Apply(tape, x);
    }
}
