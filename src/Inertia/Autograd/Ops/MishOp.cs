namespace Inertia.Autograd.Ops;

/// <summary>
/// y = x·tanh(softplus(x)). Backward: dx += dy·(t + x·(1 − t²)·σ(x)) with t = tanh(softplus(x))
/// kept from the forward pass. Computed in double so that softplus does not overflow.
/// </summary>
internal sealed class MishOp : UnaryOp
{
    protected override bool UsesScratch => true;

    protected override void Forward(ReadOnlySpan<float> x, Span<float> y, Span<float> t)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i];
            double softplus = v > 0 ? v + Math.Log(1 + Math.Exp(-v)) : Math.Log(1 + Math.Exp(v));
            double th = Math.Tanh(softplus);
            t[i] = (float)th;
            y[i] = (float)(v * th);
        }
    }

    protected override void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> t,
        ReadOnlySpan<float> dy, Span<float> dx)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i], th = t[i];
            double sigma = 1 / (1 + Math.Exp(-v));
            dx[i] += (float)(dy[i] * (th + v * (1 - th * th) * sigma));
        }
    }
}

/// <summary>Mish on the tape.</summary>
public static class MishExtensions
{
    /// <summary>x·tanh(softplus(x)), elementwise.</summary>
    public static Variable Mish(this Tape tape, Variable x) => tape.NextOp<MishOp>().Apply(tape, x);
}
