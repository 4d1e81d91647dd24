using Inertia.Tensors;

namespace Inertia.Autograd;

/// <summary>
/// A value in a recorded computation: a tensor and, when gradients are recorded and some input
/// requires one, the gradient of the final loss with respect to it.
/// </summary>
public sealed class Variable
{
    internal Variable(Tensor value, Tensor? gradient, bool requiresGradient)
    {
        Value = value;
        Gradient = gradient;
        RequiresGradient = requiresGradient;
    }

    /// <summary>The value computed in the forward pass.</summary>
    public Tensor Value { get; internal set; }

    /// <summary>∂loss/∂value after <see cref="Tape.Backward"/>; null when no gradient flows here.</summary>
    public Tensor? Gradient { get; internal set; }

    /// <summary>Whether a gradient flows back through this value.</summary>
    public bool RequiresGradient { get; internal set; }

    /// <summary>The shape of the value.</summary>
    public Shape Shape => Value.Shape;

    /// <summary>
    /// The gradient, for ops that only call this when <see cref="RequiresGradient"/> is true: to
    /// read it, or to add to it. A gradient no op has written yet holds stale values, so it is
    /// zero-filled first; any op may write through it, so what was known of its finiteness is
    /// forgotten.
    /// </summary>
    internal Tensor Grad
    {
        get
        {
            var owner = Owner;
            owner.Finiteness = GradientFiniteness.Unknown;
            if (!owner._written)
            {
                owner.Gradient!.Span.Clear();
                owner._written = true;
            }
            return Gradient!;
        }
    }

    /// <summary>
    /// The gradient for an op that writes every element of it: <paramref name="overwrite"/> says
    /// that nothing has written it in this pass, so the op stores its result (as if added to
    /// +0: a −0 must become +0) instead of adding to the stale contents.
    /// </summary>
    internal Tensor WriteGrad(out bool overwrite)
    {
        Owner.Finiteness = GradientFiniteness.Unknown;
        return CheckedWriteGrad(out overwrite);
    }

    /// <summary>
    /// <see cref="WriteGrad"/> for an op that checks every stored element after its write and
    /// says so with <see cref="Vouch"/>.
    /// </summary>
    internal Tensor CheckedWriteGrad(out bool overwrite)
    {
        var owner = Owner;
        overwrite = !owner._written;
        owner._written = true;
        return Gradient!;
    }

    /// <summary>Whether this is a parameter's variable, whose gradient the optimizer reads.</summary>
    internal bool IsParameter { get; init; }

    /// <summary>What is known of the stored gradient's finiteness in this pass (meaningful for parameters).</summary>
    internal GradientFiniteness Finiteness
    {
        get => Owner._finiteness;
        private set => Owner._finiteness = value;
    }

    /// <summary>Whether an op (or the zero fill that ends a backward pass) has written the gradient in this pass.</summary>
    internal bool GradientWritten => Owner._written;

    /// <summary>Records the check of every stored element that followed a write through <see cref="CheckedWriteGrad"/>.</summary>
    internal void Vouch(bool finite) =>
        Finiteness = finite ? GradientFiniteness.VouchedFinite : GradientFiniteness.VouchedNonFinite;

    /// <summary>
    /// Starts a pass with this variable's own gradient buffer: <paramref name="written"/> false
    /// when its contents are stale (the first write overwrites them), true when ops must add to them.
    /// </summary>
    internal void StartPass(bool written)
    {
        _owner = null;
        _written = written;
        _finiteness = GradientFiniteness.Untouched;
    }

    /// <summary>Starts a pass as a view of <paramref name="source"/>'s gradient: whether it is written, and what is known of it, is the source's.</summary>
    internal void StartPassAsViewOf(Variable source) => _owner = source.Owner;

    /// <summary>Ends a backward pass: a gradient no op wrote is ∂loss/∂value = 0 (finite, as the library wrote it).</summary>
    internal void ZeroIfUnwritten()
    {
        if (Gradient is null || _owner is not null || _written) return;
        Gradient.Span.Clear();
        _written = true;
        _finiteness = GradientFiniteness.VouchedFinite;
    }

    // The variable whose gradient buffer this one views (a reshape), or null for its own; the
    // written flag and the finiteness belong to the buffer, so they live on its owner.
    private Variable? _owner;
    private bool _written;
    private GradientFiniteness _finiteness;

    private Variable Owner => _owner ?? this;

    /// <inheritdoc />
    public override string ToString() => $"Variable{Shape}{(RequiresGradient ? " (grad)" : "")}";
}
