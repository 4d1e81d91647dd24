using Inertia.Autograd;
using Inertia.Autograd.Ops;

namespace Inertia.Layers.Activations;

/// <summary>Gaussian error linear unit x·Φ(x) (Keras <c>gelu</c>; default exact erf form, or the tanh approximation).</summary>
/// <param name="approximate">Use ½x(1 + tanh(√(2/π)(x + 0.044715x³))).</param>
public sealed class Gelu(bool approximate = false) : Activation
{
    /// <summary>Whether the tanh approximation is used.</summary>
    public bool Approximate { get; } = approximate;

    /// <inheritdoc />
    public override string Name => "gelu";

    /// <inheritdoc />
    public override Variable Call(Tape tape, Variable x) => tape.Gelu(x, Approximate);

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?> { ["approximate"] = Approximate };
}
