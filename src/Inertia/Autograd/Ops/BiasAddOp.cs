using System.Numerics.Tensors;
using Inertia.Tensors;

namespace Inertia.Autograd.Ops;

/// <summary>
/// Y = X + b with b broadcast over the rows of X (n×f, b: f). Backward: dX += dY,
/// db += Σ_rows dY (summed in row order, so the result never depends on threading).
/// </summary>
internal sealed class BiasAddOp : Op
{
    private Variable _x = null!, _b = null!, _y = null!;
    private bool _inPlace;

    internal Variable Forward(Tape tape, Variable x, Variable b)
    {
        Check(x, b);
        _x = x;
        _b = b;
        _inPlace = false;
        _y = tape.Output(x.Shape, x.RequiresGradient || b.RequiresGradient);
        AddRows(x.Value.Span, b.Value.Span, _y.Value.Span);
        return _y;
    }

    /// <summary>
    /// Y = X + b written over X, with Y sharing X's gradient buffer, for an X that nothing else
    /// reads (Dense's product): no output buffer, no zero fill of its gradient, and no dX += dY
    /// in backward, since dX is dY. When only b needs a gradient, X has no gradient buffer to
    /// share, and this falls back to <see cref="Forward"/>.
    /// </summary>
    internal Variable ForwardInPlace(Tape tape, Variable x, Variable b)
    {
        if (!x.RequiresGradient && b.RequiresGradient) return Forward(tape, x, b);
        Check(x, b);
        _x = x;
        _b = b;
        _inPlace = true;
        _y = tape.View(x, x.Shape);
        var xs = x.Value.Span;
        AddRows(xs, b.Value.Span, xs);
        return _y;
    }

    private static void Check(Variable x, Variable b)
    {
        if (b.Shape.Rank != 1 || x.Shape.Rank < 1 || x.Shape[-1] != b.Shape.Size)
            throw new ArgumentException($"BiasAdd needs a bias of shape ({x.Shape[-1]},) for input {x.Shape}, got {b.Shape}.");
    }

    private static void AddRows(ReadOnlySpan<float> x, ReadOnlySpan<float> b, Span<float> y)
    {
        for (int r = 0; r < x.Length; r += b.Length)
            TensorPrimitives.Add(x.Slice(r, b.Length), b, y.Slice(r, b.Length));
    }

    internal override void Backward()
    {
        if (!_y.RequiresGradient) return;
        var dy = _y.Grad.Span;
        // In place, dX is dY itself. Otherwise a first write stores dy + 0 (not dy: a −0 must
        // become +0, as when added to zeros).
        if (_x.RequiresGradient && !_inPlace)
        {
            var dx = _x.WriteGrad(out bool overwrite).Span;
            if (overwrite) TensorPrimitives.Add(dy, 0f, dx);
            else TensorPrimitives.Add(dx, dy, dx);
        }
        if (_b.RequiresGradient)
        {
            var db = _b.CheckedWriteGrad(out bool overwrite).Span;
            int r = 0;
            if (overwrite)
            {
                TensorPrimitives.Add(dy.Slice(0, db.Length), 0f, db);
                r = db.Length;
            }
            for (; r < dy.Length; r += db.Length)
                TensorPrimitives.Add(db, dy.Slice(r, db.Length), db);
            // db is one row, still in L1: checking it here spares the optimizer a read of it.
            _b.Vouch(TensorPrimitives.IsFiniteAll<float>(db));
        }
    }
}

/// <summary>Bias addition on the tape.</summary>
public static class BiasAddExtensions
{
    /// <summary>Adds a bias vector to every row (the last axis must match the bias length).</summary>
    public static Variable BiasAdd(this Tape tape, Variable x, Variable bias) => tape.NextOp<BiasAddOp>().Forward(tape, x, bias);

    /// <summary>Adds a bias vector to every row of <paramref name="x"/> in place; only for an <paramref name="x"/> nothing else reads.</summary>
    internal static Variable BiasAddInPlace(this Tape tape, Variable x, Variable bias) => tape.NextOp<BiasAddOp>().ForwardInPlace(tape, x, bias);
}
