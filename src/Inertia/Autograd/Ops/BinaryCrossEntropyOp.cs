namespace Inertia.Autograd.Ops;

/// <summary>
/// Binary cross-entropy averaged over elements. From logits (stable form):
/// max(x, 0) − x·t + log(1 + e^(−|x|)), derivative σ(x) − t. From probabilities (Keras): p is
/// clipped to [1e-7, 1 − 1e-7] and loss = −(t·log p + (1 − t)·log(1 − p)), derivative
/// −t/p + (1 − t)/(1 − p) inside the clip range and 0 where it clips.
/// </summary>
internal sealed class BinaryCrossEntropyOp : ElementwiseLossOp
{
    // Keras clips in float32: [1e-7, 1 − 1e-7] as float32 values.
    private const double Low = 1e-7f;
    private const double High = 1f - 1e-7f;

    internal bool FromLogits;

    protected override string LossName => "binary_crossentropy";

    protected override double Loss(float prediction, float target)
    {
        double x = prediction, t = target;
        if (FromLogits) return Math.Max(x, 0) - x * t + Math.Log(1 + Math.Exp(-Math.Abs(x)));
        double p = Math.Clamp(x, Low, High);
        return -(t * Math.Log(p) + (1 - t) * Math.Log(1 - p));
    }

    protected override double Derivative(float prediction, float target)
    {
        double x = prediction, t = target;
        if (FromLogits) return 1 / (1 + Math.Exp(-x)) - t;
        if (x < Low || x > High) return 0;
        return -t / x + (1 - t) / (1 - x);
    }
}

/// <summary>Binary cross-entropy on the tape.</summary>
public static class BinaryCrossEntropyExtensions
{
    /// <summary>The mean binary cross-entropy of predictions (probabilities, or logits when <paramref name="fromLogits"/>) against 0/1 (or soft) targets.</summary>
    /// <exception cref="ArgumentException">The shapes do not match; the message names both.</exception>
    public static Variable BinaryCrossEntropy(this Tape tape, Variable prediction, Inertia.Tensors.Tensor target, bool fromLogits)
    {
        var op = tape.NextOp<BinaryCrossEntropyOp>();
        op.FromLogits = fromLogits;
        return op.Forward(tape, prediction, target);
    }
}
