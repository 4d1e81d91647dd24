using System.Numerics.Tensors;

namespace Inertia.Autograd.Ops;

/// <summary>y = x·σ(x) (swish / SiLU). Backward: dx += dy·σ(x)·(1 + x·(1 − σ(x))); σ is kept from the forward pass.</summary>
internal sealed class SwishOp : UnaryOp
{
    protected override bool UsesScratch => true;

    protected override void Forward(ReadOnlySpan<float> x, Span<float> y, Span<float> sigma)
    {
        TensorPrimitives.Sigmoid(x, sigma);
        TensorPrimitives.Multiply(x, sigma, y);
    }

    protected override void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> sigma,
        ReadOnlySpan<float> dy, Span<float> dx)
    {
        for (int i = 0; i < x.Length; i++) dx[i] += dy[i] * sigma[i] * (1f + x[i] * (1f - sigma[i]));
    }
}

/// <summary>Swish (SiLU) on the tape.</summary>
public static class SwishExtensions
{
    /// <summary>x·sigmoid(x), elementwise (Keras <c>silu</c> / <c>swish</c>).</summary>
    public static Variable Swish(this Tape tape, Variable x) => tape.NextOp<SwishOp>().Apply(tape, x);
}
