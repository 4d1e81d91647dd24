using Inertia.Autograd;
using Inertia.Autograd.Ops;
using Inertia.Tensors;

namespace Inertia.Losses;

/// <summary>Keras <c>binary_crossentropy</c> for 0/1 targets: from probabilities (clipped to [1e-7, 1 − 1e-7]) or, with <c>fromLogits</c>, from logits in a numerically stable form.</summary>
/// <param name="fromLogits">Whether predictions are logits rather than probabilities (Keras default false).</param>
public sealed class BinaryCrossentropy(bool fromLogits = false) : Loss
{
    /// <summary>Whether predictions are logits.</summary>
    public bool FromLogits { get; } = fromLogits;

    /// <inheritdoc />
    public override string Name => "binary_crossentropy";

    /// <inheritdoc />
    public override Variable Call(Tape tape, Variable prediction, Tensor target) =>
        tape.BinaryCrossEntropy(prediction, target, FromLogits);

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?> { ["from_logits"] = FromLogits };
}
