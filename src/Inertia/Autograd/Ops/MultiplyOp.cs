using System.Numerics.Tensors;

namespace Inertia.Autograd.Ops;

/// <summary>
/// y = a ⊙ b with NumPy broadcasting. Backward: da += dy ⊙ b and db += dy ⊙ a, each summed over
/// the axes its input was broadcast along, in row-major order.
/// </summary>
internal sealed class MultiplyOp : Op
{
    private readonly Broadcast _plan = new();
    private Variable _a = null!, _b = null!, _y = null!;

    internal Variable Forward(Tape tape, Variable a, Variable b)
    {
        _plan.Plan(a.Shape, b.Shape, "Multiply");
        _a = a;
        _b = b;
        _y = tape.Output(_plan.Output, a.RequiresGradient || b.RequiresGradient);
        var av = a.Value.Span;
        var bv = b.Value.Span;
        var y = _y.Value.Span;
        int n = _plan.Inner;
        _plan.Begin();
        for (int o = 0, off = 0; o < _plan.Outer; o++, off += n, _plan.Next())
        {
            var yr = y.Slice(off, n);
            int ia = _plan.OffsetA, ib = _plan.OffsetB;
            if (_plan.InnerStrideA == 1)
            {
                if (_plan.InnerStrideB == 1) TensorPrimitives.Multiply(av.Slice(ia, n), bv.Slice(ib, n), yr);
                else TensorPrimitives.Multiply(av.Slice(ia, n), bv[ib], yr);
            }
            else if (_plan.InnerStrideB == 1) TensorPrimitives.Multiply(bv.Slice(ib, n), av[ia], yr);
            else yr.Fill(av[ia] * bv[ib]);
        }
        return _y;
    }

    internal override void Backward()
    {
        var dy = _y.Grad.Span;
        if (_a.RequiresGradient) Reduce(dy, _b.Value.Span, _a.Grad.Span, forA: true);
        if (_b.RequiresGradient) Reduce(dy, _a.Value.Span, _b.Grad.Span, forA: false);
    }

    // dx += reduce(dy ⊙ other) onto x's shape.
    private void Reduce(ReadOnlySpan<float> dy, ReadOnlySpan<float> other, Span<float> dx, bool forA)
    {
        int n = _plan.Inner;
        int strideX = forA ? _plan.InnerStrideA : _plan.InnerStrideB;
        int strideO = forA ? _plan.InnerStrideB : _plan.InnerStrideA;
        _plan.Begin();
        for (int o = 0, off = 0; o < _plan.Outer; o++, off += n, _plan.Next())
        {
            int ix = forA ? _plan.OffsetA : _plan.OffsetB;
            int io = forA ? _plan.OffsetB : _plan.OffsetA;
            var dyr = dy.Slice(off, n);
            if (strideX == 1)
            {
                var dxr = dx.Slice(ix, n);
                if (strideO == 1) TensorPrimitives.FusedMultiplyAdd(dyr, other.Slice(io, n), dxr, dxr);
                else TensorPrimitives.MultiplyAdd(dyr, other[io], dxr, dxr);
            }
            else if (strideO == 1) dx[ix] += TensorPrimitives.Dot(dyr, other.Slice(io, n));
            else dx[ix] += other[io] * TensorPrimitives.Sum(dyr);
        }
    }
}

/// <summary>Broadcasting elementwise multiplication on the tape.</summary>
public static class MultiplyExtensions
{
    /// <summary>a ⊙ b with NumPy broadcasting.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast; the message names both.</exception>
    public static Variable Multiply(this Tape tape, Variable a, Variable b) => tape.NextOp<MultiplyOp>().Forward(tape, a, b);
}
