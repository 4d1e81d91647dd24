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
    /// The gradient, for ops that only call this when <see cref="RequiresGradient"/> is true. Any
    /// op may write through it, so what was known of the gradient's finiteness is forgotten.
    /// </summary>
    internal Tensor Grad
    {
        get
        {
            Finiteness = GradientFiniteness.Unknown;
            return Gradient!;
        }
    }

    /// <summary>
    /// The gradient for an op that checks every stored element after its write and says so with
    /// <see cref="Vouch"/>.
    /// </summary>
    internal Tensor CheckedGrad => Gradient!;

    /// <summary>Whether this is a parameter's variable, whose gradient the optimizer reads.</summary>
    internal bool IsParameter { get; init; }

    /// <summary>What is known of the stored gradient's finiteness in this pass (meaningful for parameters).</summary>
    internal GradientFiniteness Finiteness { get; private set; }

    /// <summary>
    /// Set when a view shares this gradient: writes through the view cannot be seen here, so no
    /// check may vouch for it in this pass.
    /// </summary>
    internal bool Aliased { get; set; }

    /// <summary>Records the check of every stored element that followed a write through <see cref="CheckedGrad"/>.</summary>
    internal void Vouch(bool finite) => Finiteness = Aliased ? GradientFiniteness.Unknown
        : finite ? GradientFiniteness.VouchedFinite : GradientFiniteness.VouchedNonFinite;

    /// <summary>Forgets the previous pass: nothing has written the gradient yet.</summary>
    internal void StartPass()
    {
        Finiteness = GradientFiniteness.Untouched;
        Aliased = false;
    }

    /// <inheritdoc />
    public override string ToString() => $"Variable{Shape}{(RequiresGradient ? " (grad)" : "")}";
}
