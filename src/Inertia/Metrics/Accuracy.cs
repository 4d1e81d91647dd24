using Inertia.Tensors;

namespace Inertia.Metrics;

/// <summary>
/// What Keras's <c>compile(metrics=["accuracy"])</c> means: binary accuracy (threshold 0.5) when
/// predictions have one column, sparse categorical accuracy when targets are class indices
/// (one rank fewer, or a last axis of 1 against several classes), else categorical accuracy.
/// The kind is fixed by the first batch after <see cref="Reset"/>.
/// </summary>
/// <param name="name">The reported name.</param>
public sealed class Accuracy(string name = "accuracy") : Metric
{
    private readonly BinaryAccuracy _binary = new(name: name);
    private readonly SparseCategoricalAccuracy _sparse = new(name);
    private readonly CategoricalAccuracy _categorical = new(name);
    private Metric? _chosen;

    /// <inheritdoc />
    public override string Name { get; } = name;

    /// <inheritdoc />
    public override void Reset()
    {
        _chosen?.Reset();
        _chosen = null;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The shapes fit none of the three kinds; the message names both.</exception>
    public override void Update(Tensor prediction, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        if (_chosen is null)
        {
            var p = prediction.Shape;
            var t = target.Shape;
            int pLast = p.Rank == 0 ? 1 : p[-1];
            int tLast = t.Rank == 0 ? 1 : t[-1];
            bool binary = pLast == 1 || p.Rank <= 1;
            bool sparse = t.Rank < p.Rank || (tLast == 1 && pLast > 1);
            _chosen = binary ? _binary : sparse ? _sparse : _categorical;
            _chosen.Reset();
        }
        _chosen.Update(prediction, target);
    }

    /// <inheritdoc />
    public override double Result() => _chosen?.Result() ?? 0;
}
