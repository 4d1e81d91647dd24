using Inertia.Autograd;
using Inertia.Autograd.Ops;

namespace Inertia.Layers.Activations;

/// <summary>Hyperbolic tangent.</summary>
public sealed class Tanh : Activation
{
    /// <inheritdoc />
    public override string Name => "tanh";

    /// <inheritdoc />
    public override Variable Call(Tape tape, Variable x) => tape.Tanh(x);
}
