using Inertia.Autograd;
using Inertia.Autograd.Ops;
using Inertia.Tensors;

namespace Inertia.Losses;

/// <summary>Keras <c>categorical_crossentropy</c> for one-hot (or soft) target rows: from probabilities (rows rescaled to sum 1 and clipped to [1e-7, 1 − 1e-7]) or, with <c>fromLogits</c>, through a fused, stable softmax.</summary>
/// <param name="fromLogits">Whether predictions are logits rather than probabilities (Keras default false).</param>
public sealed class CategoricalCrossentropy(bool fromLogits = false) : Loss
{
    /// <summary>Whether predictions are logits.</summary>
    public bool FromLogits { get; } = fromLogits;

    /// <inheritdoc />
    public override string Name => "categorical_crossentropy";

    /// <inheritdoc />
    public override Variable Call(Tape tape, Variable prediction, Tensor target) =>
        FromLogits ? tape.SoftmaxCrossEntropy(prediction, target, sparse: false) : tape.CategoricalCrossEntropy(prediction, target, sparse: false);

    internal override void CheckTargets(Shape predictions, Tensor targets, string name) =>
        ClassTargets.Check(Name, predictions, targets, sparse: false, name);

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?> { ["from_logits"] = FromLogits };
}
