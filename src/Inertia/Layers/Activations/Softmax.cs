using Inertia.Autograd;
using Inertia.Autograd.Ops;

namespace Inertia.Layers.Activations;

/// <summary>Softmax over the last axis, numerically stable.</summary>
public sealed class Softmax : Activation
{
    /// <inheritdoc />
    public override string Name => "softmax";

    /// <inheritdoc />
    public override Variable Call(Tape tape, Variable x) => tape.Softmax(x);
}
