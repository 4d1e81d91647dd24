namespace Inertia.Layers.Activations;

/// <summary>Looks activations up by their Keras names.</summary>
public static class Activations
{
    private static readonly Dictionary<string, Func<Activation>> Factories = new(StringComparer.Ordinal)
    {
        ["linear"] = () => new Linear(),
        ["relu"] = () => new Relu(),
    };

    /// <summary>The names <see cref="Get"/> accepts.</summary>
    public static IReadOnlyCollection<string> Names => Factories.Keys;

    /// <summary>The activation with this Keras name; null or empty gives <c>linear</c>.</summary>
    /// <exception cref="ArgumentException">No activation has that name; the message lists the known ones.</exception>
    public static Activation Get(string? name)
    {
        if (string.IsNullOrEmpty(name)) return new Linear();
        return Factories.TryGetValue(name, out var f)
            ? f()
            : throw new ArgumentException($"Unknown activation '{name}'. Known: {string.Join(", ", Factories.Keys)}.", nameof(name));
    }
}
