using Inertia.Tensors;

namespace Inertia.Metrics;

/// <summary>Keras <c>binary_accuracy</c>: the fraction of elements where (prediction &gt; threshold) equals the 0/1 target.</summary>
public sealed class BinaryAccuracy : Metric
{
    private long _correct, _count;

    /// <summary>Creates the metric (Keras default threshold 0.5).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The threshold is not finite.</exception>
    public BinaryAccuracy(float threshold = 0.5f, string name = "binary_accuracy")
    {
        if (!float.IsFinite(threshold)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be finite.");
        Threshold = threshold;
        Name = name;
    }

    /// <summary>Predictions above it count as 1.</summary>
    public float Threshold { get; }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override void Reset() => (_correct, _count) = (0, 0);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The shapes do not match; the message names both.</exception>
    public override void Update(Tensor prediction, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        MetricShapes.CheckElementwise(Name, prediction.Shape, target.Shape);
        var p = prediction.Span;
        var t = target.Span;
        for (int i = 0; i < p.Length; i++)
            if ((p[i] > Threshold ? 1f : 0f) == t[i]) _correct++;
        _count += p.Length;
    }

    /// <inheritdoc />
    public override double Result() => _count == 0 ? 0 : (double)_correct / _count;
}
