using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime;

namespace Inertia.Gpu.Training;

/// <summary>Activations the device kernels implement (Keras names).</summary>
internal enum ActivationKind
{
    Linear = 0,
    Relu = 1,
    Sigmoid = 2,
    Tanh = 3,
}

/// <summary>
/// Forward and backward kernels of the MLP layers. Row-parallel and column-parallel kernels loop
/// over the other axis in ascending order (no atomics), so every result is deterministic. Backward
/// activations use the saved output: relu' = [a &gt; 0], sigmoid' = a(1 − a), tanh' = 1 − a².
/// </summary>
internal static class NetworkKernels
{
    public static void BiasAdd(Index1D i, ArrayView<float> y, ArrayView<float> bias, int columns) => y[i] += bias[i % columns];

    public static void Activate(Index1D i, ArrayView<float> y, int kind)
    {
        float x = y[i];
        y[i] = kind switch
        {
            (int)ActivationKind.Relu => XMath.Max(x, 0f),
            (int)ActivationKind.Sigmoid => 1f / (1f + XMath.Exp(-x)),
            (int)ActivationKind.Tanh => XMath.Tanh(x),
            _ => x,
        };
    }

    public static void ActivationBackward(Index1D i, ArrayView<float> gradient, ArrayView<float> output, int kind)
    {
        float a = output[i];
        gradient[i] *= kind switch
        {
            (int)ActivationKind.Relu => a > 0f ? 1f : 0f,
            (int)ActivationKind.Sigmoid => a * (1f - a),
            (int)ActivationKind.Tanh => 1f - a * a,
            _ => 1f,
        };
    }

    /// <summary>sums[c] (+)= Σ_r x[r, c].</summary>
    public static void ColumnSums(Index1D column, ArrayView<float> x, ArrayView<float> sums, int rows, int columns, int accumulate)
    {
        float s = 0f;
        for (int r = 0; r < rows; r++) s += x[r * columns + column];
        sums[column] = accumulate != 0 ? sums[column] + s : s;
    }

    /// <summary>
    /// Softmax and cross-entropy of one row, mean-reduced over <paramref name="rows"/>: writes the
    /// row's loss and overwrites the logits with d(loss)/d(logits). Targets are class indices
    /// (sparse) or rows. From logits: loss Σ t(log Σe − (x − max)), gradient (p·Σt − t)/N. From
    /// probabilities (a softmax layer then Keras' clipped cross-entropy): loss −Σ t·log clip(p),
    /// gradient (p·Σ_in t − t_in)/N where "in" are the classes whose p is inside the clip range.
    /// </summary>
    public static void SoftmaxCrossEntropy(Index1D row, ArrayView<float> logits, ArrayView<float> targets, ArrayView<float> rowLoss,
        int rows, int columns, int sparse, int fromLogits)
    {
        const float Epsilon = 1e-7f;
        int o = row * columns;
        float max = logits[o];
        for (int j = 1; j < columns; j++) max = XMath.Max(max, logits[o + j]);
        float sum = 0f;
        for (int j = 0; j < columns; j++) sum += XMath.Exp(logits[o + j] - max);
        float logSum = XMath.Log(sum);
        int label = sparse != 0 ? (int)targets[row] : -1;
        float loss = 0f, mass = 0f;
        for (int j = 0; j < columns; j++)
        {
            float t = sparse != 0 ? (j == label ? 1f : 0f) : targets[o + j];
            if (t == 0f) continue;
            float p = XMath.Exp(logits[o + j] - max) / sum;
            bool inside = p >= Epsilon && p <= 1f - Epsilon;
            if (fromLogits != 0) loss += t * (logSum - (logits[o + j] - max));
            else loss -= t * XMath.Log(XMath.Clamp(p, Epsilon, 1f - Epsilon));
            if (fromLogits != 0 || inside) mass += t;
        }
        rowLoss[row] = loss;
        float scale = 1f / rows;
        for (int j = 0; j < columns; j++)
        {
            float t = sparse != 0 ? (j == label ? 1f : 0f) : targets[o + j];
            float p = XMath.Exp(logits[o + j] - max) / sum;
            bool counted = fromLogits != 0 || (p >= Epsilon && p <= 1f - Epsilon);
            logits[o + j] = scale * (p * mass - (counted ? t : 0f));
        }
    }

    /// <summary>
    /// Per-feature batch statistics (two passes: Σ(x − μ)² does not cancel as Σx² − Nμ² does), the
    /// Keras moving-average update, and the affine form y = x·s + (β − μ·s), s = γ/√(σ² + ε).
    /// </summary>
    public static void BatchNormStatistics(Index1D c, ArrayView<float> x, int rows, int columns, ArrayView<float> gamma, ArrayView<float> beta,
        ArrayView<float> movingMean, ArrayView<float> movingVariance, ArrayView<float> mean, ArrayView<float> invStd,
        ArrayView<float> scale, ArrayView<float> shift, BatchNormSettings settings)
    {
        float mu, variance;
        if (settings.Training != 0)
        {
            float s = 0f;
            for (int r = 0; r < rows; r++) s += x[r * columns + c];
            mu = s / rows;
            float v = 0f;
            for (int r = 0; r < rows; r++)
            {
                float d = x[r * columns + c] - mu;
                v += d * d;
            }
            variance = v / rows;
            movingMean[c] = movingMean[c] * settings.Keep + mu * settings.Take;
            movingVariance[c] = movingVariance[c] * settings.Keep + variance * settings.Take;
        }
        else
        {
            mu = movingMean[c];
            variance = movingVariance[c];
        }
        float inv = 1f / XMath.Sqrt(variance + settings.Epsilon);
        float sc = settings.HasGamma != 0 ? inv * gamma[c] : inv;
        mean[c] = mu;
        invStd[c] = inv;
        scale[c] = sc;
        shift[c] = settings.HasBeta != 0 ? beta[c] - mu * sc : -(mu * sc);
    }

    public static void Affine(Index1D i, ArrayView<float> x, ArrayView<float> y, ArrayView<float> scale, ArrayView<float> shift, int columns)
    {
        int c = i % columns;
        y[i] = x[i] * scale[c] + shift[c];
    }

    /// <summary>Per feature: Σdy and Σdy·x̂ (into the γ and β gradients when present, accumulated).</summary>
    public static void BatchNormGradientSums(Index1D c, ArrayView<float> x, ArrayView<float> dy, int rows, int columns, ArrayView<float> mean,
        ArrayView<float> invStd, ArrayView<float> sumDy, ArrayView<float> sumDyXhat, ArrayView<float> dGamma, ArrayView<float> dBeta,
        BatchNormSettings settings)
    {
        float sd = 0f, sdx = 0f;
        for (int r = 0; r < rows; r++)
        {
            float g = dy[r * columns + c];
            sd += g;
            sdx += g * ((x[r * columns + c] - mean[c]) * invStd[c]);
        }
        sumDy[c] = sd;
        sumDyXhat[c] = sdx;
        if (settings.HasGamma != 0) dGamma[c] += sdx;
        if (settings.HasBeta != 0) dBeta[c] += sd;
    }

    /// <summary>dx = s/N·(N·dy − Σdy − x̂·Σ(dy·x̂)) in training; s·dy in inference.</summary>
    public static void BatchNormInputGradient(Index1D i, ArrayView<float> x, ArrayView<float> dy, ArrayView<float> dx, int rows, int columns,
        ArrayView<float> mean, ArrayView<float> invStd, ArrayView<float> scale, ArrayView<float> sumDy, ArrayView<float> sumDyXhat, int training)
    {
        int c = i % columns;
        if (training == 0)
        {
            dx[i] = scale[c] * dy[i];
            return;
        }
        float xhat = (x[i] - mean[c]) * invStd[c];
        dx[i] = scale[c] / rows * (rows * dy[i] - sumDy[c] - xhat * sumDyXhat[c]);
    }
}

/// <summary>Scalars of one batch-normalization call.</summary>
internal struct BatchNormSettings
{
    public float Epsilon;
    public float Keep;
    public float Take;
    public int Training;
    public int HasGamma;
    public int HasBeta;
}
