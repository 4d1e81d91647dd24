using System.Numerics.Tensors;
using Inertia.Tensors;
using Tensor = Inertia.Tensors.Tensor;

namespace Inertia.Autograd.Ops;

/// <summary>
/// Inverted dropout: each element is kept with probability 1 − rate and scaled by 1/(1 − rate),
/// else zeroed; the mask is a function of (seed, step, element index). Backward: dx += dy ⊙ mask.
/// </summary>
internal sealed class DropoutOp : Op
{
    private Variable _x = null!, _y = null!;
    private Tensor _mask = null!;

    internal Variable Forward(Tape tape, Variable x, float rate, ulong seed, long step)
    {
        _x = x;
        _mask = tape.Buffer(x.Shape);
        _y = tape.Output(x.Shape, x.RequiresGradient);
        DropoutMask.Fill(_mask.Span, rate, seed, step, 1f / (1f - rate), 0f);
        TensorPrimitives.Multiply(x.Value.Span, _mask.Span, _y.Value.Span);
        return _y;
    }

    internal override void Backward()
    {
        if (_x.RequiresGradient)
            TensorPrimitives.FusedMultiplyAdd(_y.Grad.Span, _mask.Span, _x.Grad.Span, _x.Grad.Span);
    }
}

/// <summary>Dropout on the tape.</summary>
public static class DropoutExtensions
{
    /// <summary>
    /// Zeroes each element with probability <paramref name="rate"/> and scales the rest by
    /// 1/(1 − rate). The mask depends only on (<paramref name="seed"/>, <paramref name="step"/>, element index).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is outside [0, 1).</exception>
    public static Variable Dropout(this Tape tape, Variable x, float rate, ulong seed, long step)
    {
        CheckRate(rate);
        return tape.NextOp<DropoutOp>().Forward(tape, x, rate, seed, step);
    }

    internal static void CheckRate(float rate)
    {
        if (!(rate >= 0f && rate < 1f))
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The dropout rate must be in [0, 1).");
    }
}
