using System.Numerics.Tensors;
using Inertia.Tensors;

namespace Inertia.Autograd.Ops;

/// <summary>y = max(x, 0). Backward: dx += dy where y &gt; 0.</summary>
internal sealed class ReluOp : Op
{
    private Variable _x = null!, _y = null!;

    internal Variable Forward(Tape tape, Variable x)
    {
        _x = x;
        _y = tape.Output(x.Shape, x.RequiresGradient);
        TensorPrimitives.Max(x.Value.Span, 0f, _y.Value.Span);
        return _y;
    }

    internal override void Backward()
    {
        if (!_x.RequiresGradient) return;
        var y = _y.Value.Span;
        var dy = _y.Grad.Span;
        var dx = _x.Grad.Span;
        for (int i = 0; i < dx.Length; i++)
            if (y[i] > 0f) dx[i] += dy[i];
    }
}

/// <summary>ReLU on the tape.</summary>
public static class ReluExtensions
{
    /// <summary>max(x, 0), elementwise.</summary>
    public static Variable Relu(this Tape tape, Variable x) => tape.NextOp<ReluOp>().Forward(tape, x);
}
