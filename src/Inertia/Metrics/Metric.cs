using Inertia.Tensors;

namespace Inertia.Metrics;

/// <summary>A streaming evaluation metric (Keras <c>keras.metrics</c>): update per batch, read the result.</summary>
public abstract class Metric
{
    private static readonly Dictionary<string, Func<string, Metric>> Factories = new(StringComparer.Ordinal)
    {
        ["accuracy"] = n => new Accuracy(n),
        ["acc"] = n => new Accuracy(n),
        ["binary_accuracy"] = n => new BinaryAccuracy(name: n),
        ["sparse_categorical_accuracy"] = n => new SparseCategoricalAccuracy(n),
        ["categorical_accuracy"] = n => new CategoricalAccuracy(n),
        ["mae"] = n => new MeanAbsoluteError(n),
        ["mean_absolute_error"] = n => new MeanAbsoluteError(n),
        ["mse"] = n => new MeanSquaredError(n),
        ["mean_squared_error"] = n => new MeanSquaredError(n),
    };

    /// <summary>Keras name, e.g. <c>accuracy</c>; the key in <c>History</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Forgets every batch seen so far.</summary>
    public abstract void Reset();

    /// <summary>Accumulates one batch of predictions and targets.</summary>
    public abstract void Update(Tensor prediction, Tensor target);

    /// <summary>The metric over every batch since <see cref="Reset"/> (0 before any batch, like Keras).</summary>
    public abstract double Result();

    /// <summary>The names <see cref="Get"/> accepts.</summary>
    public static IReadOnlyCollection<string> Names => Factories.Keys;

    /// <summary>A new metric by Keras name; it reports under the name it was asked by (<c>mae</c> stays <c>mae</c>).</summary>
    /// <exception cref="ArgumentException">No metric has that name; the message lists the known ones.</exception>
    public static Metric Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Factories.TryGetValue(name, out var f)
            ? f(name)
            : throw new ArgumentException($"Unknown metric '{name}'. Known: {string.Join(", ", Factories.Keys)}.", nameof(name));
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
