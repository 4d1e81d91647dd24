using Inertia.Tensors;

namespace Inertia.Autograd.Ops;

/// <summary>
/// A loss that compares prediction and target element by element and averages over every
/// element (Keras: mean over the last axis, then over the batch; the same for equal rows).
/// Subclasses give the per-element loss and its derivative in the prediction.
/// </summary>
internal abstract class ElementwiseLossOp : Op
{
    private static readonly Shape Scalar = new();
    private Variable _p = null!, _y = null!;
    private Tensor _target = null!;

    /// <summary>Keras name, for error messages.</summary>
    protected abstract string LossName { get; }

    internal Variable Forward(Tape tape, Variable prediction, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(target);
        CheckShapes(LossName, prediction.Shape, target.Shape);
        _p = prediction;
        _target = target;
        _y = tape.Output(Scalar, prediction.RequiresGradient);
        var p = prediction.Value.Span;
        var t = target.Span;
        double total = 0;
        for (int i = 0; i < p.Length; i++) total += Loss(p[i], t[i]);
        _y.Value[0] = p.Length == 0 ? float.NaN : (float)(total / p.Length);
        return _y;
    }

    /// <summary>
    /// Prediction and target must have the same shape, or differ only by a trailing axis of 1
    /// ((n, 1) against (n,)), which Keras squeezes away.
    /// </summary>
    internal static void CheckShapes(string loss, Shape prediction, Shape target)
    {
        if (prediction.Equals(target)) return;
        bool squeezable = prediction.Size == target.Size && Math.Abs(prediction.Rank - target.Rank) == 1
            && (prediction.Rank > target.Rank ? prediction[-1] : target[-1]) == 1;
        if (squeezable)
            for (int i = 0; i < Math.Min(prediction.Rank, target.Rank); i++)
                squeezable &= prediction[i] == target[i];
        if (!squeezable)
            throw new ArgumentException($"{loss}: targets of shape {target} do not match predictions of shape {prediction}.", nameof(target));
    }

    internal override void Backward()
    {
        if (!_p.RequiresGradient) return;
        var p = _p.Value.Span;
        var t = _target.Span;
        var dp = _p.Grad.Span;
        double g = (double)_y.Grad[0] / p.Length;
        for (int i = 0; i < p.Length; i++) dp[i] += (float)(g * Derivative(p[i], t[i]));
    }

    /// <summary>The loss of one element.</summary>
    protected abstract double Loss(float prediction, float target);

    /// <summary>∂loss/∂prediction of one element.</summary>
    protected abstract double Derivative(float prediction, float target);
}
