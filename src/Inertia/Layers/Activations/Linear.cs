using Inertia.Autograd;

namespace Inertia.Layers.Activations;

/// <summary>The identity (Keras <c>linear</c>, the default of Dense).</summary>
public sealed class Linear : Activation
{
    /// <inheritdoc />
    public override string Name => "linear";

    /// <inheritdoc />
    public override Variable Call(Tape tape, Variable x) => x;
}
