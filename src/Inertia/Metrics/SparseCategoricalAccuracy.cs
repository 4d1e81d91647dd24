using Inertia.Tensors;

namespace Inertia.Metrics;

/// <summary>Keras <c>sparse_categorical_accuracy</c>: the fraction of rows whose argmax equals the class index.</summary>
/// <param name="name">The reported name.</param>
public sealed class SparseCategoricalAccuracy(string name = "sparse_categorical_accuracy") : Metric
{
    private long _correct, _count;

    /// <inheritdoc />
    public override string Name { get; } = name;

    /// <inheritdoc />
    public override void Reset() => (_correct, _count) = (0, 0);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The targets are not one class index per prediction row; the message names both shapes.</exception>
    public override void Update(Tensor prediction, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        MetricShapes.CheckSparse(Name, prediction.Shape, target.Shape);
        int width = prediction.Shape[-1];
        var p = prediction.Span;
        var t = target.Span;
        for (int r = 0; r < t.Length; r++)
            if (MetricShapes.ArgMax(p.Slice(r * width, width)) == t[r]) _correct++;
        _count += t.Length;
    }

    /// <inheritdoc />
    public override double Result() => _count == 0 ? 0 : (double)_correct / _count;
}
