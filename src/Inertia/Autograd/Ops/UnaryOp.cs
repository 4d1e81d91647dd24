using Inertia.Tensors;

namespace Inertia.Autograd.Ops;

/// <summary>
/// An elementwise op y = f(x): subclasses give the forward map and the local derivative.
/// Ops whose derivative needs an intermediate of the forward pass (e.g. GELU's normal CDF)
/// ask for a scratch buffer of the input's shape, reused from pass to pass like every buffer.
/// </summary>
internal abstract class UnaryOp : Op
{
    private Variable _x = null!, _y = null!;
    private Tensor? _scratch;

    /// <summary>Whether <see cref="Forward"/> and <see cref="Backward(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/> share a scratch buffer.</summary>
    protected virtual bool UsesScratch => false;

    internal Variable Apply(Tape tape, Variable x)
    {
        _x = x;
        _y = tape.Output(x.Shape, x.RequiresGradient);
        _scratch = UsesScratch ? tape.Buffer(x.Shape) : null;
        Forward(x.Value.Span, _y.Value.Span, _scratch is null ? Span<float>.Empty : _scratch.Span);
        return _y;
    }

    internal override void Backward()
    {
        if (!_x.RequiresGradient) return;
        Backward(_x.Value.Span, _y.Value.Span, _scratch is null ? ReadOnlySpan<float>.Empty : _scratch.Span, _y.Grad.Span, _x.Grad.Span);
    }

    /// <summary>y = f(x); <paramref name="scratch"/> is empty unless <see cref="UsesScratch"/>.</summary>
    protected abstract void Forward(ReadOnlySpan<float> x, Span<float> y, Span<float> scratch);

    /// <summary>dx += dy · f′(x).</summary>
    protected abstract void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> scratch,
        ReadOnlySpan<float> dy, Span<float> dx);
}
