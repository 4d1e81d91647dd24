using System.Numerics.Tensors;
using Inertia.Tensors;
using Tensor = Inertia.Tensors.Tensor;

namespace Inertia.Autograd.Ops;

/// <summary>
/// Cross-entropy of probabilities, as Keras computes it when not from logits: each row is
/// rescaled to sum 1 (q = p/S), clipped to [ε, 1 − ε] with ε = 1e-7, and
/// loss = mean_r −Σ_j t_rj·log(clip(q_rj)). Backward: with g_j = −t_j/clip(q_j) where the clip is
/// inactive (0 where it clips), dp_k += (g_k − Σ_j g_j·q_j)/S.
/// </summary>
internal sealed class CategoricalCrossEntropyOp : Op
{
    internal const float Epsilon = 1e-7f;
    private static readonly Shape Scalar = new();
    private Variable _p = null!, _y = null!;
    private Tensor _target = null!;
    private bool _sparse;

    internal Variable Forward(Tape tape, Variable probabilities, Tensor target, bool sparse)
    {
        ClassTargets.Check(sparse ? "sparse_categorical_crossentropy" : "categorical_crossentropy", probabilities.Shape, target, sparse);
        _p = probabilities;
        _target = target;
        _sparse = sparse;
        _y = tape.Output(Scalar, probabilities.RequiresGradient);
        int width = probabilities.Shape[-1];
        var p = probabilities.Value.Span;
        var t = target.Span;
        int rows = p.Length / width;
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            var pr = p.Slice(r * width, width);
            float sum = TensorPrimitives.Sum(pr);
            if (sparse) total -= MathF.Log(Clip(pr[(int)t[r]] / sum));
            else
            {
                var tr = t.Slice(r * width, width);
                for (int j = 0; j < width; j++)
                    if (tr[j] != 0f) total -= tr[j] * MathF.Log(Clip(pr[j] / sum));
            }
        }
        _y.Value[0] = rows == 0 ? float.NaN : (float)(total / rows);
        return _y;
    }

    private static float Clip(float q) => Math.Clamp(q, Epsilon, 1f - Epsilon);

    private static bool Inside(float q) => q >= Epsilon && q <= 1f - Epsilon;

    internal override void Backward()
    {
        if (!_p.RequiresGradient) return;
        int width = _p.Shape[-1];
        var p = _p.Value.Span;
        var dp = _p.Grad.Span;
        var t = _target.Span;
        int rows = p.Length / width;
        float g = _y.Grad[0] / rows;
        for (int r = 0; r < rows; r++)
        {
            var pr = p.Slice(r * width, width);
            var dpr = dp.Slice(r * width, width);
            float sum = TensorPrimitives.Sum(pr);
            if (_sparse)
            {
                int label = (int)t[r];
                float q = pr[label] / sum;
                if (!Inside(q)) continue;
                // g_label = −1/q; the other g_j are 0, so Σ_j g_j·q_j = −1.
                float gl = -1f / q;
                for (int k = 0; k < width; k++) dpr[k] += g * ((k == label ? gl : 0f) + 1f) / sum;
            }
            else
            {
                var tr = t.Slice(r * width, width);
                float dot = 0f;
                for (int j = 0; j < width; j++)
                {
                    float q = pr[j] / sum;
                    if (tr[j] != 0f && Inside(q)) dot += -tr[j] / q * q;
                }
                for (int k = 0; k < width; k++)
                {
                    float q = pr[k] / sum;
                    float gk = tr[k] != 0f && Inside(q) ? -tr[k] / q : 0f;
                    dpr[k] += g * (gk - dot) / sum;
                }
            }
        }
    }
}

/// <summary>Cross-entropy of probabilities on the tape.</summary>
public static class CategoricalCrossEntropyExtensions
{
    /// <summary>
    /// Mean cross-entropy of <paramref name="probabilities"/> (rows on the last axis, rescaled to
    /// sum 1 and clipped to [1e-7, 1 − 1e-7] like Keras) against class indices
    /// (<paramref name="sparse"/>) or dense rows.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not fit, or a class index is out of range (the sample is named).</exception>
    public static Variable CategoricalCrossEntropy(this Tape tape, Variable probabilities, Tensor target, bool sparse)
    {
        ArgumentNullException.ThrowIfNull(target);
        return tape.NextOp<CategoricalCrossEntropyOp>().Forward(tape, probabilities, target, sparse);
    }
}
