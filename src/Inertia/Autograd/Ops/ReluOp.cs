using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Inertia.Tensors;

namespace Inertia.Autograd.Ops;

/// <summary>y = max(x, 0). Backward: dx += dy where y &gt; 0 (dx ← 0 + dy there, 0 elsewhere, on dx's first write).</summary>
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
        var dx = _x.WriteGrad(out bool overwrite).Span;
        // A first write stands for an add to zeros: dy + 0 where y > 0 (a −0 becomes +0), else 0.
        int i = 0;
        // A branch per element mispredicts on about half of a layer's units; the select adds
        // where y > 0 and keeps dx elsewhere, the scalar loop's exact result.
        if (Vector256.IsHardwareAccelerated)
        {
            ref float yr = ref MemoryMarshal.GetReference(y);
            ref float dyr = ref MemoryMarshal.GetReference(dy);
            ref float dxr = ref MemoryMarshal.GetReference(dx);
            for (; i <= dx.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var d = overwrite ? Vector256<float>.Zero : Vector256.LoadUnsafe(ref dxr, (nuint)i);
                var live = Vector256.GreaterThan(Vector256.LoadUnsafe(ref yr, (nuint)i), Vector256<float>.Zero);
                Vector256.ConditionalSelect(live, d + Vector256.LoadUnsafe(ref dyr, (nuint)i), d).StoreUnsafe(ref dxr, (nuint)i);
            }
        }
        for (; i < dx.Length; i++)
        {
            float d = overwrite ? 0f : dx[i];
            dx[i] = y[i] > 0f ? d + dy[i] : d;
        }
    }
}

/// <summary>ReLU on the tape.</summary>
public static class ReluExtensions
{
    /// <summary>max(x, 0), elementwise.</summary>
    public static Variable Relu(this Tape tape, Variable x) => tape.NextOp<ReluOp>().Forward(tape, x);
}
