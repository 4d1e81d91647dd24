using Inertia.Tensors;

namespace Inertia.Metrics;

/// <summary>A streaming evaluation metric (Keras <c>keras.metrics</c>): update per batch, read the result.</summary>
public abstract class Metric
{
    /// <summary>Keras name, e.g. <c>accuracy</c>; the key in <c>History</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Forgets every batch seen so far.</summary>
    public abstract void Reset();

    /// <summary>Accumulates one batch of predictions and targets.</summary>
    public abstract void Update(Tensor prediction, Tensor target);

    /// <summary>The metric over every batch since <see cref="Reset"/>.</summary>
    public abstract double Result();
}
