using Inertia.Autograd;
using Inertia.Autograd.Ops;

namespace Inertia.Layers.Activations;

/// <summary>SiLU / swish: x·sigmoid(x) (Keras <c>silu</c>, alias <c>swish</c>).</summary>
public sealed class Silu : Activation
{
    /// <inheritdoc />
    public override string Name => "silu";

    /// <inheritdoc />
    public override Variable Call(Tape tape, Variable x) => tape.Swish(x);
}
