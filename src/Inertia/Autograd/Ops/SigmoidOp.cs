using System.Numerics.Tensors;

namespace Inertia.Autograd.Ops;

/// <summary>y = 1 / (1 + e⁻ˣ). Backward: dx += dy·y·(1 − y).</summary>
internal sealed class SigmoidOp : UnaryOp
{
    protected override void Forward(ReadOnlySpan<float> x, Span<float> y, Span<float> scratch) => TensorPrimitives.Sigmoid(x, y);

    protected override void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> scratch,
        ReadOnlySpan<float> dy, Span<float> dx)
    {
        for (int i = 0; i < y.Length; i++) dx[i] += dy[i] * y[i] * (1f - y[i]);
    }
}

/// <summary>Sigmoid on the tape.</summary>
public static class SigmoidExtensions
{
    /// <summary>The logistic function 1 / (1 + e⁻ˣ), elementwise.</summary>
    public static Variable Sigmoid(this Tape tape, Variable x) => tape.NextOp<SigmoidOp>().Apply(tape, x);
}
