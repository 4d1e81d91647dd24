using System.Numerics.Tensors;
using Inertia.Tensors;

namespace Inertia.Autograd.Ops;

/// <summary>
/// Sum or mean over a set of axes (all by default), optionally keeping them as size-1 axes.
/// Sums run in row-major order of the input, so results never depend on threading. Backward:
/// dx += dy (÷ count for the mean) broadcast back over the reduced axes.
/// </summary>
internal sealed class SumOp : Op
{
    private static readonly Shape Scalar = new();
    private readonly Broadcast _plan = new();
    private Variable _x = null!, _y = null!;
    private Shape? _inShape, _keepShape, _outShape;
    private ulong _mask;
    private bool _keepDims;
    private float _count;
    private bool _mean;

    internal Variable Forward(Tape tape, Variable x, ReadOnlySpan<int> axes, bool all, bool keepDims, bool mean)
    {
        string name = mean ? "Mean" : "Sum";
        ulong mask = 0;
        int rank = x.Shape.Rank;
        if (rank > 63) throw new ArgumentException($"{name}: {x.Shape} has too many dimensions.", nameof(x));
        if (all) mask = rank == 0 ? 0 : ulong.MaxValue >> (64 - rank);
        else
            foreach (int axis in axes)
            {
                int a = axis < 0 ? axis + rank : axis;
                if (a < 0 || a >= rank)
                    throw new ArgumentOutOfRangeException(nameof(axes), axis, $"{name}: axis {axis} is outside a tensor of shape {x.Shape}.");
                if ((mask & (1UL << a)) != 0)
                    throw new ArgumentException($"{name}: axis {axis} is listed twice for shape {x.Shape}.", nameof(axes));
                mask |= 1UL << a;
            }
        if (!x.Shape.Equals(_inShape) || mask != _mask || keepDims != _keepDims)
        {
            var keep = x.Shape.ToArray();
            var kept = new List<int>();
            long count = 1;
            for (int i = 0; i < rank; i++)
            {
                if ((mask & (1UL << i)) != 0)
                {
                    count *= keep[i];
                    keep[i] = 1;
                    if (keepDims) kept.Add(1);
                }
                else kept.Add(keep[i]);
            }
            _inShape = x.Shape;
            _mask = mask;
            _keepDims = keepDims;
            _keepShape = new Shape(keep);
            _outShape = kept.Count == 0 ? Scalar : new Shape([.. kept]);
            _count = count;
        }
        _plan.Plan(x.Shape, _keepShape!, name);
        _x = x;
        _mean = mean;
        _y = tape.Output(_outShape!, x.RequiresGradient);
        var xs = x.Value.Span;
        var y = _y.Value.Span;
        y.Clear();
        int n = _plan.Inner;
        _plan.Begin();
        for (int o = 0, off = 0; o < _plan.Outer; o++, off += n, _plan.Next())
        {
            var xr = xs.Slice(off, n);
            int iy = _plan.OffsetB;
            if (_plan.InnerStrideB == 1) TensorPrimitives.Add(y.Slice(iy, n), xr, y.Slice(iy, n));
            else y[iy] += TensorPrimitives.Sum(xr);
        }
        if (mean) TensorPrimitives.Divide(y, _count, y);
        return _y;
    }

    internal override void Backward()
    {
        if (!_x.RequiresGradient) return;
        float scale = _mean ? 1f / _count : 1f;
        var dy = _y.Grad.Span;
        var dx = _x.Grad.Span;
        int n = _plan.Inner;
        _plan.Begin();
        for (int o = 0, off = 0; o < _plan.Outer; o++, off += n, _plan.Next())
        {
            var dxr = dx.Slice(off, n);
            int iy = _plan.OffsetB;
            if (_plan.InnerStrideB == 1) TensorPrimitives.MultiplyAdd(dy.Slice(iy, n), scale, dxr, dxr);
            else TensorPrimitives.Add(dxr, dy[iy] * scale, dxr);
        }
    }
}

/// <summary>Sums and means on the tape.</summary>
public static class SumExtensions
{
    /// <summary>The sum of every element (a scalar).</summary>
    public static Variable Sum(this Tape tape, Variable x) => tape.NextOp<SumOp>().Forward(tape, x, default, true, false, false);

    /// <summary>The sum over <paramref name="axes"/> (negative axes count from the end).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An axis is outside the shape.</exception>
    public static Variable Sum(this Tape tape, Variable x, ReadOnlySpan<int> axes, bool keepDims = false) =>
        tape.NextOp<SumOp>().Forward(tape, x, axes, false, keepDims, false);

    /// <summary>The mean of every element (a scalar).</summary>
    public static Variable Mean(this Tape tape, Variable x) => tape.NextOp<SumOp>().Forward(tape, x, default, true, false, true);

    /// <summary>The mean over <paramref name="axes"/> (negative axes count from the end).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An axis is outside the shape.</exception>
    public static Variable Mean(this Tape tape, Variable x, ReadOnlySpan<int> axes, bool keepDims = false) =>
        tape.NextOp<SumOp>().Forward(tape, x, axes, false, keepDims, true);
}
