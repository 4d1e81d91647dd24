namespace Inertia.Autograd.Ops;

/// <summary>
/// Parametric ReLU: y = x for x &gt; 0, α·x otherwise, with a learned α broadcast over x (NumPy
/// rules; α of the per-sample shape, or with size-1 axes where α is shared). Backward:
/// dx += dy·(x &gt; 0 ? 1 : α); dα += Σ dy·min(x, 0) over the broadcast axes, in row-major order.
/// </summary>
internal sealed class PReluOp : Op
{
    private readonly Broadcast _plan = new();
    private Variable _x = null!, _alpha = null!, _y = null!;

    internal Variable Forward(Tape tape, Variable x, Variable alpha)
    {
        _plan.Plan(x.Shape, alpha.Shape, "PReLU");
        if (!_plan.Output.Equals(x.Shape))
            throw new ArgumentException($"PReLU: alpha of shape {alpha.Shape} does not broadcast onto input {x.Shape}.", nameof(alpha));
        _x = x;
        _alpha = alpha;
        _y = tape.Output(x.Shape, x.RequiresGradient || alpha.RequiresGradient);
        var xs = x.Value.Span;
        var a = alpha.Value.Span;
        var y = _y.Value.Span;
        int n = _plan.Inner;
        _plan.Begin();
        for (int o = 0, off = 0; o < _plan.Outer; o++, off += n, _plan.Next())
        {
            int ia = _plan.OffsetB, sa = _plan.InnerStrideB;
            for (int j = 0; j < n; j++)
            {
                float v = xs[off + j];
                y[off + j] = v > 0f ? v : a[ia + j * sa] * v;
            }
        }
        return _y;
    }

    internal override void Backward()
    {
        var xs = _x.Value.Span;
        var a = _alpha.Value.Span;
        var dy = _y.Grad.Span;
        var dx = _x.RequiresGradient ? _x.Grad.Span : default;
        var da = _alpha.RequiresGradient ? _alpha.Grad.Span : default;
        int n = _plan.Inner;
        _plan.Begin();
        for (int o = 0, off = 0; o < _plan.Outer; o++, off += n, _plan.Next())
        {
            int ia = _plan.OffsetB, sa = _plan.InnerStrideB;
            for (int j = 0; j < n; j++)
            {
                float v = xs[off + j], g = dy[off + j];
                if (!dx.IsEmpty) dx[off + j] += v > 0f ? g : a[ia + j * sa] * g;
                if (!da.IsEmpty && v <= 0f) da[ia + j * sa] += g * v;
            }
        }
    }
}

/// <summary>Parametric ReLU on the tape.</summary>
public static class PReluExtensions
{
    /// <summary>x for x &gt; 0, α·x otherwise, with α a variable broadcast onto x.</summary>
    /// <exception cref="ArgumentException">α does not broadcast onto x.</exception>
    public static Variable PRelu(this Tape tape, Variable x, Variable alpha) => tape.NextOp<PReluOp>().Forward(tape, x, alpha);
}
