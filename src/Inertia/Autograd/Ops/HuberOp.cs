namespace Inertia.Autograd.Ops;

/// <summary>
/// Huber loss: ½d² for |d| ≤ δ, δ·|d| − ½δ² beyond, d = p − t, averaged over elements.
/// Backward: dp += g·clamp(d, −δ, δ)/n.
/// </summary>
internal sealed class HuberOp : ElementwiseLossOp
{
    internal double Delta;

    protected override string LossName => "huber";

    protected override double Loss(float prediction, float target)
    {
        double d = Math.Abs((double)prediction - target);
        return d <= Delta ? 0.5 * d * d : Delta * d - 0.5 * Delta * Delta;
    }

    protected override double Derivative(float prediction, float target) => Math.Clamp((double)prediction - target, -Delta, Delta);
}

/// <summary>Huber loss on the tape.</summary>
public static class HuberExtensions
{
    /// <summary>The mean Huber loss with threshold <paramref name="delta"/> (Keras default 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">δ is not a positive finite number.</exception>
    /// <exception cref="ArgumentException">The shapes do not match; the message names both.</exception>
    public static Variable Huber(this Tape tape, Variable prediction, Inertia.Tensors.Tensor target, float delta = 1f)
    {
        if (!(delta > 0f) || float.IsInfinity(delta))
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "Huber's delta must be a positive finite number.");
        var op = tape.NextOp<HuberOp>();
        op.Delta = delta;
        return op.Forward(tape, prediction, target);
    }
}
