using Inertia.Autograd;
using Inertia.Autograd.Ops;
using Inertia.Tensors;

namespace Inertia.Losses;

/// <summary>Keras <c>sparse_categorical_crossentropy</c> for class-index targets (floats holding whole numbers, one per sample): from probabilities (rows rescaled to sum 1 and clipped to [1e-7, 1 − 1e-7]) or, with <c>fromLogits</c>, through a fused, stable softmax.</summary>
/// <param name="fromLogits">Whether predictions are logits rather than probabilities (Keras default false).</param>
public sealed class SparseCategoricalCrossentropy(bool fromLogits = false) : Loss
{
    /// <summary>Whether predictions are logits.</summary>
    public bool FromLogits { get; } = fromLogits;

    /// <inheritdoc />
    public override string Name => "sparse_categorical_crossentropy";

    /// <inheritdoc />
    public override Variable Call(Tape tape, Variable prediction, Tensor target) =>
        FromLogits ? tape.SoftmaxCrossEntropy(prediction, target, sparse: true) : tape.CategoricalCrossEntropy(prediction, target, sparse: true);

    internal override void CheckTargets(Shape predictions, Tensor targets, string name) =>
        ClassTargets.Check(Name, predictions, targets, sparse: true, name);

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?> { ["from_logits"] = FromLogits };
}
