using Inertia.Autograd;
using Inertia.Autograd.Ops;
using Inertia.Tensors;

namespace Inertia.Losses;

/// <summary>Keras <c>mean_absolute_error</c>: mean of |prediction − target|.</summary>
public sealed class MeanAbsoluteError : Loss
{
    /// <inheritdoc />
    public override string Name => "mean_absolute_error";

    /// <inheritdoc />
    public override Variable Call(Tape tape, Variable prediction, Tensor target) => tape.MeanAbsoluteError(prediction, target);
}
