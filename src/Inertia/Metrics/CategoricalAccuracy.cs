using Inertia.Tensors;

namespace Inertia.Metrics;

/// <summary>Keras <c>categorical_accuracy</c>: the fraction of rows whose prediction argmax equals the target argmax.</summary>
/// <param name="name">The reported name.</param>
public sealed class CategoricalAccuracy(string name = "categorical_accuracy") : Metric
{
    private long _correct, _count;

    /// <inheritdoc />
    public override string Name { get; } = name;

    /// <inheritdoc />
    public override void Reset() => (_correct, _count) = (0, 0);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The shapes differ; the message names both.</exception>
    public override void Update(Tensor prediction, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        if (!prediction.Shape.Equals(target.Shape) || prediction.Shape.Rank < 1)
            throw new ArgumentException($"{Name}: targets of shape {target.Shape} do not match predictions of shape {prediction.Shape}.");
        int width = prediction.Shape[-1];
        if (width == 0) return;
        var p = prediction.Span;
        var t = target.Span;
        int rows = p.Length / width;
        for (int r = 0; r < rows; r++)
            if (MetricShapes.ArgMax(p.Slice(r * width, width)) == MetricShapes.ArgMax(t.Slice(r * width, width))) _correct++;
        _count += rows;
    }

    /// <inheritdoc />
    public override double Result() => _count == 0 ? 0 : (double)_correct / _count;
}
