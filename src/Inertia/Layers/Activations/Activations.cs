namespace Inertia.Layers.Activations;

/// <summary>Looks activations up by their Keras names, and serializes them for architecture files.</summary>
public static class Activations
{
    internal static readonly IReadOnlyDictionary<string, object?> NoArguments = new Dictionary<string, object?>();

    private static readonly Dictionary<string, Func<IReadOnlyDictionary<string, object?>, Activation>> Factories = new(StringComparer.Ordinal)
    {
        ["linear"] = _ => new Linear(),
        ["relu"] = _ => new Relu(),
        ["leaky_relu"] = c => new LeakyRelu((float)ConfigValues.Double(c, "negative_slope", LeakyRelu.DefaultNegativeSlope)),
        ["elu"] = c => new Elu((float)ConfigValues.Double(c, "alpha", 1.0)),
        ["selu"] = _ => new Selu(),
        ["gelu"] = c => new Gelu(ConfigValues.Bool(c, "approximate", false)),
        ["silu"] = _ => new Silu(),
        ["swish"] = _ => new Silu(),
        ["mish"] = _ => new Mish(),
        ["sigmoid"] = _ => new Sigmoid(),
        ["tanh"] = _ => new Tanh(),
        ["softmax"] = _ => new Softmax(),
    };

    /// <summary>The names <see cref="Get"/> accepts.</summary>
    public static IReadOnlyCollection<string> Names => Factories.Keys;

    /// <summary>The activation with this Keras name and its default arguments; null or empty gives <c>linear</c>.</summary>
    /// <exception cref="ArgumentException">No activation has that name; the message lists the known ones.</exception>
    public static Activation Get(string? name)
    {
        if (string.IsNullOrEmpty(name)) return new Linear();
        return Factory(name)(NoArguments);
    }

    /// <summary>
    /// The configuration form of an activation for architecture files: its name when it has no
    /// arguments, else <c>{"class_name": name, "config": {…}}</c>.
    /// </summary>
    public static object Serialize(Activation activation)
    {
        ArgumentNullException.ThrowIfNull(activation);
        var config = activation.GetConfig();
        if (config.Count == 0) return activation.Name;
        return new Dictionary<string, object?> { ["class_name"] = activation.Name, ["config"] = config };
    }

    /// <summary>Rebuilds an activation from <see cref="Serialize"/>'s form (also as read back from JSON).</summary>
    /// <exception cref="ArgumentException">The name is unknown or the configuration malformed.</exception>
    public static Activation FromConfig(object? value)
    {
        if (value is null) return new Linear();
        if (ConfigValues.AsName(value) is { } name) return Get(name);
        var outer = ConfigValues.Dictionary(value, "activation");
        string className = ConfigValues.String(outer, "class_name")
            ?? throw new ArgumentException("An activation configuration needs a 'class_name'.", nameof(value));
        return Factory(className)(ConfigValues.Dictionary(ConfigValues.Raw(outer, "config"), className));
    }

    private static Func<IReadOnlyDictionary<string, object?>, Activation> Factory(string name) =>
        Factories.TryGetValue(name, out var f)
            ? f
            : throw new ArgumentException($"Unknown activation '{name}'. Known: {string.Join(", ", Factories.Keys)}.", nameof(name));
}
