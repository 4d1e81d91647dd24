using Inertia.Autograd;

namespace Inertia.Layers.Activations;

/// <summary>An elementwise (or, for softmax, per-row) activation function applied on the tape.</summary>
public abstract class Activation
{
    /// <summary>Keras name, e.g. <c>relu</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Applies the activation to <paramref name="x"/>, recording it for backward.</summary>
    public abstract Variable Call(Tape tape, Variable x);

    /// <summary>The activation's arguments (Keras snake_case names); empty when it has none.</summary>
    public virtual IReadOnlyDictionary<string, object?> GetConfig() => Activations.NoArguments;

    /// <inheritdoc />
    public override string ToString() => Name;
}
