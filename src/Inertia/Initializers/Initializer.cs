using Inertia.Data;
using Inertia.Layers;
using Inertia.Tensors;

namespace Inertia.Initializers;

/// <summary>
/// Fills a new weight tensor (Keras <c>keras.initializers</c>). Fans follow Keras: for a shape
/// (…, in, out) fan_in = in·receptive field, fan_out = out·receptive field; for a vector both are its length.
/// </summary>
public abstract class Initializer
{
    private static readonly IReadOnlyDictionary<string, object?> NoArguments = new Dictionary<string, object?>();

    private static readonly Dictionary<string, Func<IReadOnlyDictionary<string, object?>, Initializer>> Factories =
        new(StringComparer.Ordinal)
        {
            ["zeros"] = _ => new Zeros(),
            ["ones"] = _ => new Ones(),
            ["constant"] = c => new Constant((float)ConfigValues.Double(c, "value", 0)),
            ["random_normal"] = c => new RandomNormal(ConfigValues.Double(c, "mean", 0), ConfigValues.Double(c, "stddev", 0.05)),
            ["random_uniform"] = c => new RandomUniform(ConfigValues.Double(c, "minval", -0.05), ConfigValues.Double(c, "maxval", 0.05)),
            ["truncated_normal"] = c => new TruncatedNormal(ConfigValues.Double(c, "mean", 0), ConfigValues.Double(c, "stddev", 0.05)),
            ["variance_scaling"] = c => new VarianceScaling(ConfigValues.Double(c, "scale", 1),
                ConfigValues.String(c, "mode") ?? "fan_in", ConfigValues.String(c, "distribution") ?? "truncated_normal"),
            ["glorot_uniform"] = _ => new GlorotUniform(),
            ["glorot_normal"] = _ => new GlorotNormal(),
            ["he_uniform"] = _ => new HeUniform(),
            ["he_normal"] = _ => new HeNormal(),
            ["lecun_uniform"] = _ => new LecunUniform(),
            ["lecun_normal"] = _ => new LecunNormal(),
        };

    /// <summary>Keras name, e.g. <c>glorot_uniform</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Keras class name, e.g. <c>GlorotUniform</c>.</summary>
    public string ClassName => GetType().Name;

    /// <summary>Fills <paramref name="tensor"/> with values drawn from <paramref name="random"/>.</summary>
    public abstract void Fill(Tensor tensor, SeededRandom random);

    /// <summary>The initializer's arguments (Keras snake_case names); empty when it has none.</summary>
    public virtual IReadOnlyDictionary<string, object?> GetConfig() => NoArguments;

    /// <summary>The names <see cref="Get"/> accepts (Keras's snake_case names; class names work too).</summary>
    public static IReadOnlyCollection<string> Names => Factories.Keys;

    /// <summary>The initializer with this Keras name (<c>he_normal</c> or <c>HeNormal</c>) and default arguments.</summary>
    /// <exception cref="ArgumentException">No initializer has that name; the message lists the known ones.</exception>
    public static Initializer Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Factory(name)(NoArguments);
    }

    /// <summary>
    /// The configuration form for architecture files: the name when the initializer has no
    /// arguments, else <c>{"class_name": "RandomNormal", "config": {…}}</c> as Keras writes it.
    /// </summary>
    public static object Serialize(Initializer initializer)
    {
        ArgumentNullException.ThrowIfNull(initializer);
        var config = initializer.GetConfig();
        if (config.Count == 0) return initializer.Name;
        return new Dictionary<string, object?> { ["class_name"] = initializer.ClassName, ["config"] = config };
    }

    /// <summary>Rebuilds an initializer from <see cref="Serialize"/>'s form (also as read back from JSON).</summary>
    /// <exception cref="ArgumentException">The name is unknown or the configuration malformed.</exception>
    public static Initializer FromConfig(object? value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (ConfigValues.AsName(value) is { } name) return Get(name);
        var outer = ConfigValues.Dictionary(value, "initializer");
        string className = ConfigValues.String(outer, "class_name")
            ?? throw new ArgumentException("An initializer configuration needs a 'class_name'.", nameof(value));
        return Factory(className)(ConfigValues.Dictionary(ConfigValues.Raw(outer, "config"), className));
    }

    /// <summary>(fan_in, fan_out) of a weight shape, as Keras computes them.</summary>
    public static (double FanIn, double FanOut) Fans(Shape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return shape.Rank switch
        {
            0 => (1, 1),
            1 => (shape[0], shape[0]),
            2 => (shape[0], shape[1]),
            _ => Receptive(shape),
        };
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless <paramref name="value"/> is finite.</summary>
    private protected static double Finite(double value, string parameter) =>
        double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(parameter, value, $"'{parameter}' must be a finite number.");

    private static Func<IReadOnlyDictionary<string, object?>, Initializer> Factory(string name)
    {
        if (Factories.TryGetValue(name, out var f) || Factories.TryGetValue(SnakeCase(name), out f)) return f;
        throw new ArgumentException($"Unknown initializer '{name}'. Known: {string.Join(", ", Factories.Keys)}.", nameof(name));
    }

    private static string SnakeCase(string className) =>
        string.Concat(className.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));

    private static (double, double) Receptive(Shape shape)
    {
        double receptive = 1;
        for (int i = 0; i < shape.Rank - 2; i++) receptive *= shape[i];
        return (shape[-2] * receptive, shape[-1] * receptive);
    }
}
