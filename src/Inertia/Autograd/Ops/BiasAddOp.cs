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

    internal Variable Forward(Tape tape, Variable x, Variable b)
    {
        int features = b.Shape.Size;
        if (b.Shape.Rank != 1 || x.Shape.Rank < 1 || x.Shape[-1] != features)
            throw new ArgumentException($"BiasAdd needs a bias of shape ({x.Shape[-1]},) for input {x.Shape}, got {b.Shape}.");
        _x = x;
        _b = b;
        _y = tape.Output(x.Shape, x.RequiresGradient || b.RequiresGradient);
        var xs = x.Value.Span;
        var ys = _y.Value.Span;
        var bs = b.Value.Span;
        for (int r = 0; r < xs.Length; r += features)
            TensorPrimitives.Add(xs.Slice(r, features), bs, ys.Slice(r, features));
        return _y;
    }

    internal override void Backward()
    {
        if (!_y.RequiresGradient) return;
        var dy = _y.Grad.Span;
        // A first write stores dy + 0 (not dy: a −0 must become +0, as when added to zeros).
        if (_x.RequiresGradient)
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
}
