using Inertia.Autograd;
using Inertia.Autograd.Ops;

namespace Inertia.Layers.Activations;

/// <summary>Scaled exponential linear unit with Keras's constants (α ≈ 1.6733, scale ≈ 1.0507); self-normalizing with LeCun-normal weights.</summary>
public sealed class Selu : Activation
{
    /// <inheritdoc />
    public override string Name => "selu";

    /// <inheritdoc />
    public override Variable Call(Tape tape, Variable x) => tape.Selu(x);
}
