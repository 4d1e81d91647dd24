using Inertia.Autograd;
using Inertia.Autograd.Ops;

namespace Inertia.Layers.Activations;

/// <summary>Mish: x·tanh(softplus(x)).</summary>
public sealed class Mish : Activation
{
    /// <inheritdoc />
    public override string Name => "mish";

    /// <inheritdoc />
    public override Variable Call(Tape tape, Variable x) => tape.Mish(x);
}
