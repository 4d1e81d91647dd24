using System.Numerics.Tensors;
using Inertia.Tensors;
using Tensor = Inertia.Tensors.Tensor;

namespace Inertia.Autograd.Ops;

/// <summary>
/// Softmax and cross-entropy fused, from logits, reduced to the mean over rows:
/// loss = mean_r Σ_j t_rj·(log Σ e^(x_r − max_r) − (x_rj − max_r)). Targets are sparse class
/// indices or dense (one-hot or soft) rows. Backward: dx += g·(softmax·Σt − t)/rows, which is
/// (softmax − onehot)/N for one-hot targets.
/// </summary>
internal sealed class SoftmaxCrossEntropyOp : Op
{
    private static readonly Shape Scalar = new();
    private Variable _x = null!, _y = null!;
    private Tensor _target = null!;
    private Tensor _probabilities = null!;
    private bool _sparse;

    internal Variable Forward(Tape tape, Variable logits, Tensor target, bool sparse)
    {
        ClassTargets.Check(sparse ? "sparse_categorical_crossentropy" : "categorical_crossentropy", logits.Shape, target, sparse);
        _x = logits;
        _target = target;
        _sparse = sparse;
        _probabilities = tape.Buffer(logits.Shape);
        _y = tape.Output(Scalar, logits.RequiresGradient);
        int width = logits.Shape[-1];
        var x = logits.Value.Span;
        var p = _probabilities.Span;
        var t = target.Span;
        int rows = x.Length / width;
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            var xr = x.Slice(r * width, width);
            var pr = p.Slice(r * width, width);
            float max = TensorPrimitives.Max(xr);
            TensorPrimitives.Subtract(xr, max, pr);
            TensorPrimitives.Exp(pr, pr);
            float sum = TensorPrimitives.Sum(pr);
            float logSum = MathF.Log(sum);
            TensorPrimitives.Divide(pr, sum, pr);
            if (sparse) total += logSum - (xr[(int)t[r]] - max);
            else
            {
                var tr = t.Slice(r * width, width);
                double row = 0;
                for (int j = 0; j < width; j++)
                    if (tr[j] != 0f) row += tr[j] * (logSum - (xr[j] - max));
                total += row;
            }
        }
        _y.Value[0] = rows == 0 ? float.NaN : (float)(total / rows);
        return _y;
    }

    internal override void Backward()
    {
        if (!_x.RequiresGradient) return;
        int width = _x.Shape[-1];
        var p = _probabilities.Span;
        var dx = _x.Grad.Span;
        var t = _target.Span;
        int rows = p.Length / width;
        float g = _y.Grad[0] / rows;
        for (int r = 0; r < rows; r++)
        {
            var pr = p.Slice(r * width, width);
            var dxr = dx.Slice(r * width, width);
            if (_sparse)
            {
                TensorPrimitives.MultiplyAdd(pr, g, dxr, dxr);
                dxr[(int)t[r]] -= g;
            }
            else
            {
                var tr = t.Slice(r * width, width);
                float mass = TensorPrimitives.Sum(tr);
                for (int j = 0; j < width; j++) dxr[j] += g * (pr[j] * mass - tr[j]);
            }
        }
    }
}

/// <summary>Fused softmax cross-entropy on the tape.</summary>
public static class SoftmaxCrossEntropyExtensions
{
    /// <summary>
    /// Mean cross-entropy of softmax(<paramref name="logits"/>) (last axis) against class indices
    /// (<paramref name="sparse"/>, shape of the logits without the class axis) or dense rows of
    /// the logits' shape. Numerically stable for any logits.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not fit, or a class index is out of range (the sample is named).</exception>
    public static Variable SoftmaxCrossEntropy(this Tape tape, Variable logits, Tensor target, bool sparse)
    {
        ArgumentNullException.ThrowIfNull(target);
        return tape.NextOp<SoftmaxCrossEntropyOp>().Forward(tape, logits, target, sparse);
    }
}
