using Inertia.Initializers;

namespace Inertia.Layers;

/// <summary>Rebuilds layers from their Keras class name and <see cref="Layer.GetConfig"/> (e.g. read back from an architecture file).</summary>
public static class LayerFactory
{
    private static readonly Dictionary<string, Func<IReadOnlyDictionary<string, object?>, string?, Layer>> Factories =
        new(StringComparer.Ordinal)
        {
            ["Dense"] = (c, n) => new Dense(ConfigValues.Int(c, "units"), Activations.Activations.FromConfig(ConfigValues.Raw(c, "activation")),
                InitializerOrDefault(c, "kernel_initializer"), InitializerOrDefault(c, "bias_initializer"), ConfigValues.Bool(c, "use_bias", true), n),
            ["Flatten"] = (_, n) => new Flatten(n),
            ["Dropout"] = (c, n) => new Dropout(Rate(c), ConfigValues.OptionalUInt64(c, "seed"), n),
            ["AlphaDropout"] = (c, n) => new AlphaDropout(Rate(c), ConfigValues.OptionalUInt64(c, "seed"), n),
            ["BatchNormalization"] = (c, n) => new BatchNormalization(ConfigValues.Double(c, "momentum", 0.99),
                (float)ConfigValues.Double(c, "epsilon", 0.001), ConfigValues.Bool(c, "center", true), ConfigValues.Bool(c, "scale", true),
                InitializerOrDefault(c, "beta_initializer"), InitializerOrDefault(c, "gamma_initializer"), n),
            ["Activation"] = (c, n) => new ActivationLayer(Activations.Activations.FromConfig(ConfigValues.Raw(c, "activation")), n),
            ["ReLU"] = (_, n) => new ReLU(n),
            ["LeakyReLU"] = (c, n) => new LeakyReLU((float)ConfigValues.Double(c, "negative_slope", 0.3), n),
            ["PReLU"] = (c, n) => new PReLU(InitializerOrDefault(c, "alpha_initializer"), ConfigValues.IntArray(c, "shared_axes"), n),
            ["ELU"] = (c, n) => new ELU((float)ConfigValues.Double(c, "alpha", 1.0), n),
            ["Softmax"] = (c, n) => new SoftmaxLayer(n),
        };

    /// <summary>The Keras class names <see cref="FromConfig"/> accepts.</summary>
    public static IReadOnlyCollection<string> ClassNames => Factories.Keys;

    /// <summary>
    /// A new, unbuilt layer of Keras class <paramref name="className"/> (<see cref="Layer.ClassName"/>)
    /// configured by <paramref name="config"/>; its name and trainable flag are restored too.
    /// </summary>
    /// <exception cref="ArgumentException">The class is unknown, or the configuration misses or mistypes a value.</exception>
    public static Layer FromConfig(string className, IReadOnlyDictionary<string, object?> config)
    {
        ArgumentNullException.ThrowIfNull(className);
        ArgumentNullException.ThrowIfNull(config);
        if (!Factories.TryGetValue(className, out var factory))
            throw new ArgumentException($"Unknown layer class '{className}'. Known: {string.Join(", ", Factories.Keys)}.", nameof(className));
        if (className == "Softmax" || className == "BatchNormalization")
        {
            double axis = ConfigValues.Double(config, "axis", -1);
            if (axis != -1)
                throw new ArgumentException($"{className} supports only axis -1 (the last axis), got {axis}.", nameof(config));
        }
        var layer = factory(config, ConfigValues.String(config, "name"));
        layer.Trainable = ConfigValues.Bool(config, "trainable", true);
        return layer;
    }

    private static float Rate(IReadOnlyDictionary<string, object?> c) =>
        ConfigValues.Has(c, "rate") ? (float)ConfigValues.Double(c, "rate", 0) : throw new ArgumentException("The configuration has no 'rate'.", nameof(c));

    private static Initializer? InitializerOrDefault(IReadOnlyDictionary<string, object?> c, string key) =>
        ConfigValues.Has(c, key) ? Initializer.FromConfig(c[key]) : null;
}
