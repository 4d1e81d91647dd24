using System.Reflection;
using Inertia.Tensors;

namespace Inertia.Training;

/// <summary>
/// Resolves Keras names to loss, metric and initializer objects: every non-abstract class of
/// the library that can be created with default arguments is indexed by its <c>Name</c>, plus
/// Keras's short aliases.
/// </summary>
internal static class KerasNames
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["mse"] = "mean_squared_error",
        ["mae"] = "mean_absolute_error",
        ["MSE"] = "mean_squared_error",
        ["MAE"] = "mean_absolute_error",
    };

    private static readonly Lazy<Dictionary<string, Func<Losses.Loss>>> LossFactories = new(Index<Losses.Loss>);
    private static readonly Lazy<Dictionary<string, Func<Metrics.Metric>>> MetricFactories = new(Index<Metrics.Metric>);
    private static readonly Lazy<Dictionary<string, Func<Initializers.Initializer>>> InitializerFactories = new(Index<Initializers.Initializer>);

    /// <summary>A new loss with this Keras name (or alias).</summary>
    public static Losses.Loss Loss(string name) => Resolve(LossFactories.Value, name, "loss")();

    /// <summary>A new initializer with this Keras name.</summary>
    public static Initializers.Initializer Initializer(string name) => Resolve(InitializerFactories.Value, name, "initializer")();

    /// <summary>
    /// A new metric with this Keras name. <c>accuracy</c>/<c>acc</c> become the accuracy that fits
    /// <paramref name="loss"/> (sparse categorical, categorical), still reported as <c>accuracy</c>.
    /// </summary>
    public static Metrics.Metric Metric(string name, Losses.Loss loss)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name is "accuracy" or "acc")
        {
            string? specific = loss.Name switch
            {
                "sparse_categorical_crossentropy" => "sparse_categorical_accuracy",
                "categorical_crossentropy" => "categorical_accuracy",
                _ => null,
            };
            if (specific is not null && MetricFactories.Value.TryGetValue(specific, out var f))
                return new RenamedMetric("accuracy", f());
        }
        return Resolve(MetricFactories.Value, name, "metric")();
    }

    private static Func<T> Resolve<T>(Dictionary<string, Func<T>> factories, string name, string what)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (factories.TryGetValue(name, out var f)) return f;
        if (Aliases.TryGetValue(name, out var full) && factories.TryGetValue(full, out f)) return f;
        throw new ArgumentException($"Unknown {what} '{name}'. Known: {string.Join(", ", factories.Keys.Order(StringComparer.Ordinal))}.", nameof(name));
    }

    private static Dictionary<string, Func<T>> Index<T>() where T : class
    {
        var result = new Dictionary<string, Func<T>>(StringComparer.Ordinal);
        foreach (var type in typeof(T).Assembly.GetTypes())
        {
            if (type.IsAbstract || !type.IsPublic || !typeof(T).IsAssignableFrom(type)) continue;
            var ctor = type.GetConstructors().FirstOrDefault(c => c.GetParameters().All(p => p.HasDefaultValue));
            if (ctor is null) continue;
            var args = ctor.GetParameters().Select(p => p.DefaultValue).ToArray();
            Func<T> create = () => (T)ctor.Invoke(args);
            string name = (string)type.GetProperty("Name")!.GetValue(create())!;
            result.TryAdd(name, create);
        }
        return result;
    }

    /// <summary>A metric reported under another name (Keras reports sparse accuracy as <c>accuracy</c>).</summary>
    private sealed class RenamedMetric(string name, Metrics.Metric inner) : Metrics.Metric
    {
        public override string Name => name;

        public override void Reset() => inner.Reset();

        public override void Update(Tensor prediction, Tensor target) => inner.Update(prediction, target);

        public override double Result() => inner.Result();
    }
}
