using Inertia.Autograd;
using Inertia.Autograd.Ops;
using Inertia.Tensors;

namespace Inertia.Losses;

/// <summary>Keras <c>mean_squared_error</c>: mean of (prediction − target)².</summary>
public sealed class MeanSquaredError : Loss
{
    /// <inheritdoc />
    public override string Name => "mean_squared_error";

    /// <inheritdoc />
    public override Variable Call(Tape tape, Variable prediction, Tensor target) => tape.MeanSquaredError(prediction, target);
}
