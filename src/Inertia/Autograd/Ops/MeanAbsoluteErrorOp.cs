namespace Inertia.Autograd.Ops;

/// <summary>mean |p − t|. Backward: dp += g·sign(p − t)/n (0 where p = t, like TensorFlow).</summary>
internal sealed class MeanAbsoluteErrorOp : ElementwiseLossOp
{
    protected override string LossName => "mean_absolute_error";

    protected override double Loss(float prediction, float target) => Math.Abs((double)prediction - target);

    protected override double Derivative(float prediction, float target) => Math.Sign((double)prediction - target);
}

/// <summary>Mean absolute error on the tape.</summary>
public static class MeanAbsoluteErrorExtensions
{
    /// <summary>The mean of |prediction − target| over every element.</summary>
    /// <exception cref="ArgumentException">The shapes do not match; the message names both.</exception>
    public static Variable MeanAbsoluteError(this Tape tape, Variable prediction, Inertia.Tensors.Tensor target) =>
        tape.NextOp<MeanAbsoluteErrorOp>().Forward(tape, prediction, target);
}
