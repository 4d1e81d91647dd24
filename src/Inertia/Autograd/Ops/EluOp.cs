namespace Inertia.Autograd.Ops;

/// <summary>
/// y = scale·x for x &gt; 0, scale·α·(eˣ − 1) below (ELU with scale 1; SELU with Keras's constants).
/// Backward: dx += dy·(x &gt; 0 ? scale : y + scale·α). eˣ − 1 is taken in double, as exact in
/// float as an expm1 would be.
/// </summary>
internal sealed class EluOp : UnaryOp
{
    internal float Alpha;
    internal float Scale;

    protected override void Forward(ReadOnlySpan<float> x, Span<float> y, Span<float> scratch)
    {
        float a = Alpha, s = Scale;
        for (int i = 0; i < x.Length; i++)
            y[i] = x[i] > 0f ? s * x[i] : s * a * (float)(Math.Exp(x[i]) - 1.0);
    }

    protected override void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> scratch,
        ReadOnlySpan<float> dy, Span<float> dx)
    {
        float sa = Scale * Alpha, s = Scale;
        for (int i = 0; i < x.Length; i++) dx[i] += dy[i] * (x[i] > 0f ? s : y[i] + sa);
    }
}

/// <summary>ELU and SELU on the tape.</summary>
public static class EluExtensions
{
    /// <summary>Keras's SELU α.</summary>
    public const float SeluAlpha = 1.67326324f;

    /// <summary>Keras's SELU scale.</summary>
    public const float SeluScale = 1.05070098f;

    /// <summary>x for x &gt; 0, α·(eˣ − 1) below (Keras <c>elu</c>, default α = 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">α is not finite.</exception>
    public static Variable Elu(this Tape tape, Variable x, float alpha = 1f)
    {
        if (!float.IsFinite(alpha))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "ELU's alpha must be finite.");
        return Apply(tape, x, alpha, 1f);
    }

    /// <summary>Scaled ELU with Keras's constants: self-normalizing with LeCun-normal weights.</summary>
    public static Variable Selu(this Tape tape, Variable x) => Apply(tape, x, SeluAlpha, SeluScale);

    private static Variable Apply(Tape tape, Variable x, float alpha, float scale)
    {
        var op = tape.NextOp<EluOp>();
        op.Alpha = alpha;
        op.Scale = scale;
        return op.Apply(tape, x);
    }
}
