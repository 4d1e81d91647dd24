using System.Numerics.Tensors;

namespace Inertia.Autograd.Ops;

/// <summary>y = tanh x. Backward: dx += dy·(1 − y²).</summary>
internal sealed class TanhOp : UnaryOp
{
    protected override void Forward(ReadOnlySpan<float> x, Span<float> y, Span<float> scratch) => TensorPrimitives.Tanh(x, y);

    protected override void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> scratch,
        ReadOnlySpan<float> dy, Span<float> dx)
    {
        for (int i = 0; i < y.Length; i++) dx[i] += dy[i] * (1f - y[i] * y[i]);
    }
}

/// <summary>Hyperbolic tangent on the tape.</summary>
public static class TanhExtensions
{
    /// <summary>tanh, elementwise.</summary>
    public static Variable Tanh(this Tape tape, Variable x) => tape.NextOp<TanhOp>().Apply(tape, x);
}
