using Inertia.Autograd;
using Inertia.Layers;
using Inertia.Tensors;

namespace Inertia.Losses;

/// <summary>
/// A training objective (Keras <c>keras.losses</c>), reduced as Keras's default
/// <c>sum_over_batch_size</c>: the mean over the samples of the batch.
/// </summary>
public abstract class Loss
{
    private static readonly IReadOnlyDictionary<string, object?> NoArguments = new Dictionary<string, object?>();

    private static readonly Dictionary<string, Func<IReadOnlyDictionary<string, object?>, Loss>> Factories = new(StringComparer.Ordinal)
    {
        ["mean_squared_error"] = _ => new MeanSquaredError(),
        ["mse"] = _ => new MeanSquaredError(),
        ["mean_absolute_error"] = _ => new MeanAbsoluteError(),
        ["mae"] = _ => new MeanAbsoluteError(),
        ["huber"] = c => new Huber((float)ConfigValues.Double(c, "delta", 1.0)),
        ["huber_loss"] = c => new Huber((float)ConfigValues.Double(c, "delta", 1.0)),
        ["binary_crossentropy"] = c => new BinaryCrossentropy(ConfigValues.Bool(c, "from_logits", false)),
        ["categorical_crossentropy"] = c => new CategoricalCrossentropy(ConfigValues.Bool(c, "from_logits", false)),
        ["sparse_categorical_crossentropy"] = c => new SparseCategoricalCrossentropy(ConfigValues.Bool(c, "from_logits", false)),
    };

    /// <summary>Keras name, e.g. <c>sparse_categorical_crossentropy</c>.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// The scalar loss of a batch, recorded on the tape so that <see cref="Tape.Backward"/> from
    /// it reaches the prediction. Throws <see cref="ArgumentException"/> naming both shapes when the
    /// target does not fit the prediction, and naming the sample when a class label is out of range.
    /// </summary>
    public abstract Variable Call(Tape tape, Variable prediction, Tensor target);

    /// <summary>
    /// Checks a whole data set's targets against the model's predictions shape (n, …output)
    /// before training or evaluation starts, so that a bad label is reported with its sample
    /// index in the data set and before any step. Losses whose targets need no more than the
    /// per-batch shape check do nothing here.
    /// </summary>
    /// <exception cref="ArgumentException">A target does not fit; the message names the sample and <paramref name="name"/>.</exception>
    internal virtual void CheckTargets(Shape predictions, Tensor targets, string name)
    {
    }

    /// <summary>The loss's arguments (Keras snake_case names), to rebuild it with <see cref="FromConfig"/>.</summary>
    public virtual IReadOnlyDictionary<string, object?> GetConfig() => NoArguments;

    /// <summary>The names <see cref="Get"/> accepts.</summary>
    public static IReadOnlyCollection<string> Names => Factories.Keys;

    /// <summary>The loss with this Keras name (<c>mse</c>, <c>sparse_categorical_crossentropy</c>, …) and default arguments.</summary>
    /// <exception cref="ArgumentException">No loss has that name; the message lists the known ones.</exception>
    public static Loss Get(string name) => FromConfig(name, NoArguments);

    /// <summary>Rebuilds a loss from its name and <see cref="GetConfig"/> (also as read back from JSON).</summary>
    /// <exception cref="ArgumentException">No loss has that name; the message lists the known ones.</exception>
    public static Loss FromConfig(string name, IReadOnlyDictionary<string, object?> config)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(config);
        return Factories.TryGetValue(name, out var f)
            ? f(config)
            : throw new ArgumentException($"Unknown loss '{name}'. Known: {string.Join(", ", Factories.Keys)}.", nameof(name));
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
