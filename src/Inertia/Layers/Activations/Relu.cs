using Inertia.Autograd;
using Inertia.Autograd.Ops;

namespace Inertia.Layers.Activations;

/// <summary>Rectified linear unit: max(x, 0).</summary>
public sealed class Relu : Activation
{
    /// <inheritdoc />
    public override string Name => "relu";

    /// <inheritdoc />
    public override Variable Call(Tape tape, Variable x) => tape.Relu(x);
}
