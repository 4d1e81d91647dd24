using Inertia.Autograd;
using Inertia.Autograd.Ops;

namespace Inertia.Layers.Activations;

/// <summary>The logistic function 1 / (1 + e⁻ˣ).</summary>
public sealed class Sigmoid : Activation
{
    /// <inheritdoc />
    public override string Name => "sigmoid";

    /// <inheritdoc />
    public override Variable Call(Tape tape, Variable x) => tape.Sigmoid(x);
}
