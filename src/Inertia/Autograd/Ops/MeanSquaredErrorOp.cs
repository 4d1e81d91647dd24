namespace Inertia.Autograd.Ops;

/// <summary>mean (p − t)². Backward: dp += g·2(p − t)/n.</summary>
internal sealed class MeanSquaredErrorOp : ElementwiseLossOp
{
    protected override string LossName => "mean_squared_error";

    protected override double Loss(float prediction, float target)
    {
        double d = (double)prediction - target;
        return d * d;
    }

    protected override double Derivative(float prediction, float target) => 2.0 * ((double)prediction - target);
}

/// <summary>Mean squared error on the tape.</summary>
public static class MeanSquaredErrorExtensions
{
    /// <summary>The mean of (prediction − target)² over every element.</summary>
    /// <exception cref="ArgumentException">The shapes do not match; the message names both.</exception>
    public static Variable MeanSquaredError(this Tape tape, Variable prediction, Inertia.Tensors.Tensor target) =>
        tape.NextOp<MeanSquaredErrorOp>().Forward(tape, prediction, target);
}
