using System.Globalization;
using System.Text.Json;

namespace Inertia.Layers;

/// <summary>
/// Reads configuration values as built by <c>GetConfig()</c> (CLR numbers, strings, booleans,
/// nested dictionaries) or as read back from JSON (<see cref="JsonElement"/>s), so that layers,
/// activations and initializers round-trip through an architecture file. A missing key gives
/// the constructor's default, as in Keras's <c>from_config</c>.
/// </summary>
internal static class ConfigValues
{
    public static bool Has(IReadOnlyDictionary<string, object?> config, string key) =>
        config.TryGetValue(key, out var v) && v is not null && !(v is JsonElement { ValueKind: JsonValueKind.Null });

    public static object? Raw(IReadOnlyDictionary<string, object?> config, string key) =>
        Has(config, key) ? config[key] : null;

    public static double Double(IReadOnlyDictionary<string, object?> config, string key, double fallback) =>
        Has(config, key) ? ToDouble(config[key], key) : fallback;

    public static double? OptionalDouble(IReadOnlyDictionary<string, object?> config, string key) =>
        Has(config, key) ? ToDouble(config[key], key) : null;

    public static int Int(IReadOnlyDictionary<string, object?> config, string key)
    {
        if (!Has(config, key)) throw new ArgumentException($"The configuration has no '{key}'.", nameof(config));
        double d = ToDouble(config[key], key);
        if (d != Math.Floor(d) || d < int.MinValue || d > int.MaxValue)
            throw new ArgumentException($"Configuration value '{key}' is {d}, not an integer.", nameof(config));
        return (int)d;
    }

    public static bool Bool(IReadOnlyDictionary<string, object?> config, string key, bool fallback)
    {
        if (!Has(config, key)) return fallback;
        return config[key] switch
        {
            bool b => b,
            JsonElement { ValueKind: JsonValueKind.True } => true,
            JsonElement { ValueKind: JsonValueKind.False } => false,
            var v => throw new ArgumentException($"Configuration value '{key}' is {v}, not a boolean.", nameof(config)),
        };
    }

    public static string? String(IReadOnlyDictionary<string, object?> config, string key)
    {
        if (!Has(config, key)) return null;
        return config[key] switch
        {
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            var v => throw new ArgumentException($"Configuration value '{key}' is {v}, not a string.", nameof(config)),
        };
    }

    public static ulong? OptionalUInt64(IReadOnlyDictionary<string, object?> config, string key)
    {
        if (!Has(config, key)) return null;
        return config[key] switch
        {
            ulong u => u,
            long l when l >= 0 => (ulong)l,
            int i when i >= 0 => (ulong)i,
            JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetUInt64(out var u) => u,
            var v => throw new ArgumentException($"Configuration value '{key}' is {v}, not an unsigned 64-bit integer.", nameof(config)),
        };
    }

    public static int[]? IntArray(IReadOnlyDictionary<string, object?> config, string key)
    {
        if (!Has(config, key)) return null;
        return config[key] switch
        {
            int[] a => a,
            IEnumerable<int> e => [.. e],
            JsonElement { ValueKind: JsonValueKind.Array } e => [.. e.EnumerateArray().Select(x => x.GetInt32())],
            var v => throw new ArgumentException($"Configuration value '{key}' is {v}, not a list of integers.", nameof(config)),
        };
    }

    /// <summary>A nested configuration: a dictionary, or a JSON object.</summary>
    public static IReadOnlyDictionary<string, object?> Dictionary(object? value, string what)
    {
        return value switch
        {
            IReadOnlyDictionary<string, object?> d => d,
            IDictionary<string, object?> d => d.ToDictionary(kv => kv.Key, kv => kv.Value),
            JsonElement { ValueKind: JsonValueKind.Object } e => e.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value),
            null => new Dictionary<string, object?>(),
            _ => throw new ArgumentException($"The {what} configuration must be an object, got {value}."),
        };
    }

    /// <summary>The value as a name, when it is a string (a string or a JSON string); else null.</summary>
    public static string? AsName(object? value) => value switch
    {
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        _ => null,
    };

    private static double ToDouble(object? value, string key) => value switch
    {
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        decimal m => (double)m,
        JsonElement { ValueKind: JsonValueKind.Number } e => e.GetDouble(),
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => throw new ArgumentException($"Configuration value '{key}' is {value}, not a number."),
    };
}
