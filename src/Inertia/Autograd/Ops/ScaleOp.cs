using System.Numerics.Tensors;

namespace Inertia.Autograd.Ops;

/// <summary>y = c·x for a constant c. Backward: dx += c·dy.</summary>
internal sealed class ScaleOp : Op
{
    private Variable _x = null!, _y = null!;
    private float _factor;

    internal Variable Forward(Tape tape, Variable x, float factor)
    {
        _x = x;
        _factor = factor;
        _y = tape.Output(x.Shape, x.RequiresGradient);
        TensorPrimitives.Multiply(x.Value.Span, factor, _y.Value.Span);
        return _y;
    }

    internal override void Backward()
    {
        if (_x.RequiresGradient) TensorPrimitives.MultiplyAdd(_y.Grad.Span, _factor, _x.Grad.Span, _x.Grad.Span);
    }
}

/// <summary>Multiplication by a constant on the tape.</summary>
public static class ScaleExtensions
{
    /// <summary><paramref name="factor"/>·x, elementwise.</summary>
    public static Variable Scale(this Tape tape, Variable x, float factor) => tape.NextOp<ScaleOp>().Forward(tape, x, factor);
}
