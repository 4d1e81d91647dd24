using Inertia.Tensors;

namespace Inertia.Metrics;

/// <summary>Keras <c>mae</c> / <c>mean_absolute_error</c>: mean |prediction − target| over every sample seen.</summary>
/// <param name="name">The reported name.</param>
public sealed class MeanAbsoluteError(string name = "mean_absolute_error") : Metric
{
    private double _total;
    private long _count;

    /// <inheritdoc />
    public override string Name { get; } = name;

    /// <inheritdoc />
    public override void Reset() => (_total, _count) = (0, 0);

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
        {
            double d = (double)p[i] - t[i];
            _total += Math.Abs(d);
        }
        _count += p.Length;
    }

    /// <inheritdoc />
    public override double Result() => _count == 0 ? 0 : _total / _count;
}
