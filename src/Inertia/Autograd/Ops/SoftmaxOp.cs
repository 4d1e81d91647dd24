using System.Numerics.Tensors;

namespace Inertia.Autograd.Ops;

/// <summary>
/// Softmax over the last axis, stable for any logits: y = e^(x − max) / Σ e^(x − max) per row.
/// Backward: dx += y ⊙ (dy − ⟨dy, y⟩) per row.
/// </summary>
internal sealed class SoftmaxOp : Op
{
    private Variable _x = null!, _y = null!;

    internal Variable Forward(Tape tape, Variable x)
    {
        if (x.Shape.Rank < 1 || x.Shape[-1] < 1)
            throw new ArgumentException($"Softmax needs at least one element on the last axis, got {x.Shape}.", nameof(x));
        _x = x;
        _y = tape.Output(x.Shape, x.RequiresGradient);
        Rows(x.Value.Span, _y.Value.Span, x.Shape[-1]);
        return _y;
    }

    /// <summary>Row-wise softmax of <paramref name="x"/> into <paramref name="y"/> (shared with the fused cross-entropy).</summary>
    internal static void Rows(ReadOnlySpan<float> x, Span<float> y, int width)
    {
        for (int r = 0; r < x.Length; r += width)
        {
            var xr = x.Slice(r, width);
            var yr = y.Slice(r, width);
            TensorPrimitives.Subtract(xr, TensorPrimitives.Max(xr), yr);
            TensorPrimitives.Exp(yr, yr);
            TensorPrimitives.Divide(yr, TensorPrimitives.Sum(yr), yr);
        }
    }

    internal override void Backward()
    {
        if (!_x.RequiresGradient) return;
        int width = _x.Shape[-1];
        var y = _y.Value.Span;
        var dy = _y.Grad.Span;
        var dx = _x.Grad.Span;
        for (int r = 0; r < y.Length; r += width)
        {
            var yr = y.Slice(r, width);
            var dyr = dy.Slice(r, width);
            var dxr = dx.Slice(r, width);
            float dot = TensorPrimitives.Dot(dyr, yr);
            for (int j = 0; j < width; j++) dxr[j] += yr[j] * (dyr[j] - dot);
        }
    }
}

/// <summary>Softmax on the tape.</summary>
public static class SoftmaxExtensions
{
    /// <summary>Softmax over the last axis (Keras <c>softmax</c>, axis −1), numerically stable.</summary>
    /// <exception cref="ArgumentException">The last axis is empty.</exception>
    public static Variable Softmax(this Tape tape, Variable x) => tape.NextOp<SoftmaxOp>().Forward(tape, x);
}
