using System.Numerics.Tensors;

namespace Inertia.Autograd.Ops;

/// <summary>
/// y = a + s·b with NumPy broadcasting (s = 1 for add, −1 for subtract). Backward: each input
/// receives dy summed over the axes it was broadcast along, in row-major order.
/// </summary>
internal sealed class AddOp : Op
{
    private readonly Broadcast _plan = new();
    private Variable _a = null!, _b = null!, _y = null!;
    private float _sign;

    internal Variable Forward(Tape tape, Variable a, Variable b, float sign)
    {
        _plan.Plan(a.Shape, b.Shape, sign > 0 ? "Add" : "Subtract");
        _a = a;
        _b = b;
        _sign = sign;
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
                if (_plan.InnerStrideB == 1) TensorPrimitives.MultiplyAdd(bv.Slice(ib, n), sign, av.Slice(ia, n), yr);
                else TensorPrimitives.Add(av.Slice(ia, n), sign * bv[ib], yr);
            }
            else if (_plan.InnerStrideB == 1)
            {
                TensorPrimitives.Multiply(bv.Slice(ib, n), sign, yr);
                TensorPrimitives.Add(yr, av[ia], yr);
            }
            else yr.Fill(av[ia] + sign * bv[ib]);
        }
        return _y;
    }

    internal override void Backward()
    {
        var dy = _y.Grad.Span;
        int n = _plan.Inner;
        if (_a.RequiresGradient) Reduce(dy, _a.Grad.Span, 1f, n, forA: true);
        if (_b.RequiresGradient) Reduce(dy, _b.Grad.Span, _sign, n, forA: false);
    }

    private void Reduce(ReadOnlySpan<float> dy, Span<float> dx, float sign, int n, bool forA)
    {
        _plan.Begin();
        int stride = forA ? _plan.InnerStrideA : _plan.InnerStrideB;
        for (int o = 0, off = 0; o < _plan.Outer; o++, off += n, _plan.Next())
        {
            int i = forA ? _plan.OffsetA : _plan.OffsetB;
            var dyr = dy.Slice(off, n);
            if (stride == 1) TensorPrimitives.MultiplyAdd(dyr, sign, dx.Slice(i, n), dx.Slice(i, n));
            else dx[i] += sign * TensorPrimitives.Sum(dyr);
        }
    }
}

/// <summary>Broadcasting addition and subtraction on the tape.</summary>
public static class AddExtensions
{
    /// <summary>a + b with NumPy broadcasting.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast; the message names both.</exception>
    public static Variable Add(this Tape tape, Variable a, Variable b) => tape.NextOp<AddOp>().Forward(tape, a, b, 1f);

    /// <summary>a − b with NumPy broadcasting.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast; the message names both.</exception>
    public static Variable Subtract(this Tape tape, Variable a, Variable b) => tape.NextOp<AddOp>().Forward(tape, a, b, -1f);
}
