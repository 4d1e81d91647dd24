using System.Numerics.Tensors;
using Inertia.Tensors;
using Tensor = Inertia.Tensors.Tensor;

namespace Inertia.Autograd.Ops;

/// <summary>
/// Batch normalization over every axis but the last (the features), fused. Training: the batch
/// mean μ and biased variance σ² normalize the batch, and the moving statistics are updated as
/// Keras does (moving ← moving·m + batch·(1 − m)); inference: the moving statistics normalize.
/// y = x·s + (β − μ·s) with s = γ/√(σ² + ε), TensorFlow's formula. Backward (training):
/// dx = s/N·(N·dy − Σdy − x̂·Σ(dy·x̂)), dγ += Σ dy·x̂, dβ += Σ dy; in inference dx = s·dy.
/// </summary>
internal sealed class BatchNormOp : Op
{
    private Variable _x = null!, _y = null!;
    private Variable? _gamma, _beta;
    private Tensor _mean = null!, _invStd = null!, _scale = null!, _sumDy = null!, _sumDyXhat = null!, _row = null!;
    private bool _training;

    internal Variable Forward(Tape tape, Variable x, Variable? gamma, Variable? beta, Tensor movingMean, Tensor movingVariance,
        float epsilon, bool training, double momentum)
    {
        if (x.Shape.Rank < 2)
            throw new ArgumentException($"BatchNormalization needs a batch of at least one feature axis, got {x.Shape}.", nameof(x));
        int c = x.Shape[-1];
        var cShape = movingMean.Shape;
        if (cShape.Rank != 1 || cShape[0] != c || !movingVariance.Shape.Equals(cShape)
            || (gamma is not null && !gamma.Shape.Equals(cShape)) || (beta is not null && !beta.Shape.Equals(cShape)))
            throw new ArgumentException(
                $"BatchNormalization: input {x.Shape} needs statistics, gamma and beta of shape ({c},); got mean {movingMean.Shape}, " +
                $"variance {movingVariance.Shape}, gamma {gamma?.Shape.ToString() ?? "none"}, beta {beta?.Shape.ToString() ?? "none"}.");
        _x = x;
        _gamma = gamma;
        _beta = beta;
        _training = training;
        bool grad = x.RequiresGradient || (gamma?.RequiresGradient ?? false) || (beta?.RequiresGradient ?? false);
        _y = tape.Output(x.Shape, grad);
        _mean = tape.Buffer(cShape);
        _invStd = tape.Buffer(cShape);
        _scale = tape.Buffer(cShape);
        _sumDy = tape.Buffer(cShape);
        _sumDyXhat = tape.Buffer(cShape);
        _row = tape.Buffer(cShape);
        var xs = x.Value.Span;
        int rows = xs.Length / c;
        var mean = _mean.Span;
        var variance = _row.Span;
        if (training)
        {
            if (rows == 0) throw new ArgumentException("BatchNormalization cannot compute statistics of an empty batch.", nameof(x));
            mean.Clear();
            for (int r = 0; r < rows; r++) TensorPrimitives.Add(mean, xs.Slice(r * c, c), mean);
            TensorPrimitives.Divide(mean, rows, mean);
            // Two passes: Σ(x − μ)² does not cancel the way Σx² − Nμ² does.
            var dev = _sumDy.Span;
            variance.Clear();
            for (int r = 0; r < rows; r++)
            {
                TensorPrimitives.Subtract(xs.Slice(r * c, c), mean, dev);
                TensorPrimitives.FusedMultiplyAdd(dev, dev, variance, variance);
            }
            TensorPrimitives.Divide(variance, rows, variance);
            float keep = (float)momentum, take = (float)(1.0 - momentum);
            Update(movingMean.Span, mean, keep, take);
            Update(movingVariance.Span, variance, keep, take);
        }
        else
        {
            movingMean.Span.CopyTo(mean);
            movingVariance.Span.CopyTo(variance);
        }
        var invStd = _invStd.Span;
        var scale = _scale.Span;
        TensorPrimitives.Add(variance, epsilon, invStd);
        TensorPrimitives.ReciprocalSqrt(invStd, invStd);
        if (gamma is null) invStd.CopyTo(scale);
        else TensorPrimitives.Multiply(invStd, gamma.Value.Span, scale);
        // shift = β − μ·s, kept in _row (the variance is no longer needed).
        var shift = _row.Span;
        TensorPrimitives.Multiply(mean, scale, shift);
        if (beta is null) TensorPrimitives.Negate(shift, shift);
        else TensorPrimitives.Subtract(beta.Value.Span, shift, shift);
        var y = _y.Value.Span;
        for (int r = 0; r < rows; r++)
            TensorPrimitives.MultiplyAdd(xs.Slice(r * c, c), scale, shift, y.Slice(r * c, c));
        return _y;
    }

    private static void Update(Span<float> moving, ReadOnlySpan<float> batch, float keep, float take)
    {
        TensorPrimitives.Multiply(moving, keep, moving);
        TensorPrimitives.MultiplyAdd(batch, take, moving, moving);
    }

    internal override void Backward()
    {
        if (!_y.RequiresGradient) return;
        int c = _x.Shape[-1];
        var xs = _x.Value.Span;
        var dy = _y.Grad.Span;
        int rows = xs.Length / c;
        var mean = _mean.Span;
        var invStd = _invStd.Span;
        var sumDy = _sumDy.Span;
        var sumDyXhat = _sumDyXhat.Span;
        var xhat = _row.Span;
        sumDy.Clear();
        sumDyXhat.Clear();
        for (int r = 0; r < rows; r++)
        {
            var dyr = dy.Slice(r * c, c);
            TensorPrimitives.Subtract(xs.Slice(r * c, c), mean, xhat);
            TensorPrimitives.Multiply(xhat, invStd, xhat);
            TensorPrimitives.Add(sumDy, dyr, sumDy);
            TensorPrimitives.FusedMultiplyAdd(dyr, xhat, sumDyXhat, sumDyXhat);
        }
        if (_gamma is not null && _gamma.RequiresGradient) TensorPrimitives.Add(_gamma.Grad.Span, sumDyXhat, _gamma.Grad.Span);
        if (_beta is not null && _beta.RequiresGradient) TensorPrimitives.Add(_beta.Grad.Span, sumDy, _beta.Grad.Span);
        if (!_x.RequiresGradient) return;
        var scale = _scale.Span;
        var dx = _x.Grad.Span;
        if (!_training)
        {
            for (int r = 0; r < rows; r++)
                TensorPrimitives.FusedMultiplyAdd(dy.Slice(r * c, c), scale, dx.Slice(r * c, c), dx.Slice(r * c, c));
            return;
        }
        float invRows = 1f / rows;
        for (int r = 0; r < rows; r++)
        {
            var dyr = dy.Slice(r * c, c);
            var dxr = dx.Slice(r * c, c);
            var xr = xs.Slice(r * c, c);
            for (int j = 0; j < c; j++)
            {
                float xh = (xr[j] - mean[j]) * invStd[j];
                dxr[j] += scale[j] * (dyr[j] - invRows * (sumDy[j] + xh * sumDyXhat[j]));
            }
        }
    }
}

/// <summary>Batch normalization on the tape.</summary>
public static class BatchNormExtensions
{
    /// <summary>
    /// Normalizes over every axis but the last. In <paramref name="training"/> mode the batch
    /// statistics are used and <paramref name="movingMean"/>/<paramref name="movingVariance"/> are
    /// updated in place with <paramref name="momentum"/>; otherwise the moving statistics are used
    /// and left unchanged. <paramref name="gamma"/> and <paramref name="beta"/> may be null (no scale / no center).
    /// </summary>
    /// <exception cref="ArgumentException">A shape does not fit the input's feature axis.</exception>
    public static Variable BatchNorm(this Tape tape, Variable x, Variable? gamma, Variable? beta, Tensor movingMean,
        Tensor movingVariance, float epsilon, bool training, double momentum)
    {
        ArgumentNullException.ThrowIfNull(movingMean);
        ArgumentNullException.ThrowIfNull(movingVariance);
        return tape.NextOp<BatchNormOp>().Forward(tape, x, gamma, beta, movingMean, movingVariance, epsilon, training, momentum);
    }
}
