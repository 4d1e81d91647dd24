using Inertia.Tensors;

namespace Inertia.Autograd.Ops;

/// <summary>Y = A·B for rank-2 A (m×k) and B (k×n). Backward: dA += dY·Bᵀ, dB += Aᵀ·dY (stored instead on a gradient's first write).</summary>
internal sealed class MatMulOp : Op
{
    private Variable _a = null!, _b = null!, _y = null!;
    private Shape? _shape;

    internal Variable Forward(Tape tape, Variable a, Variable b)
    {
        if (a.Shape.Rank != 2 || b.Shape.Rank != 2 || a.Shape[1] != b.Shape[0])
            throw new ArgumentException($"MatMul shapes do not chain: {a.Shape} · {b.Shape}.");
        _a = a;
        _b = b;
        // The output shape is kept while it repeats, so steady-state passes allocate nothing.
        if (_shape is null || _shape[0] != a.Shape[0] || _shape[1] != b.Shape[1]) _shape = new Shape(a.Shape[0], b.Shape[1]);
        _y = tape.Output(_shape, a.RequiresGradient || b.RequiresGradient);
        Gemm.MatMul(a.Value, b.Value, _y.Value);
        return _y;
    }

    internal override void Backward()
    {
        // β = 0 on a gradient's first write: its buffer is stale, and a sum the kernels start from
        // +0 is never −0, so storing it equals adding it to zeros bit for bit.
        if (_a.RequiresGradient)
        {
            var da = _a.WriteGrad(out bool overwrite);
            Gemm.MatMul(_y.Grad, _b.Value, da, transposeB: true, beta: overwrite ? 0f : 1f);
        }
        if (!_b.RequiresGradient) return;
        if (_b.IsParameter)
        {
            // A weight's gradient is checked tile by tile while the GEMM writes it, so the optimizer need not read it again.
            var db = _b.CheckedWriteGrad(out bool overwrite);
            _b.Vouch(Gemm.MatMulCheckingFinite(_a.Value, _y.Grad, db, transposeA: true, beta: overwrite ? 0f : 1f));
        }
        else
        {
            var db = _b.WriteGrad(out bool overwrite);
            Gemm.MatMul(_a.Value, _y.Grad, db, transposeA: true, beta: overwrite ? 0f : 1f);
        }
    }
}

/// <summary>Matrix multiplication on the tape.</summary>
public static class MatMulExtensions
{
    /// <summary>A·B for rank-2 variables: (m×k)·(k×n) → (m×n).</summary>
    /// <exception cref="ArgumentException">The inner dimensions differ; the message names both shapes.</exception>
    public static Variable MatMul(this Tape tape, Variable a, Variable b) => tape.NextOp<MatMulOp>().Forward(tape, a, b);
}
