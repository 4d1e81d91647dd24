using System.Text.Json;
using Inertia.Optimizers;

namespace Inertia.Training.Serialization;

/// <summary>Recreates an optimizer from the class name and <c>GetConfig()</c> stored in a model file.</summary>
internal static class OptimizerConfig
{
    /// <exception cref="ArgumentException">The optimizer or one of its settings is unknown or out of range.</exception>
    public static Optimizer Create(string className, JsonElement config)
    {
        var settings = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in config.EnumerateObject()) settings[p.Name] = Value(p.Value);
        return OptimizerFactory.Create(className, settings);
    }

    private static object? Value(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.TryGetInt64(out long l) ? l : v.GetDouble(),
        JsonValueKind.Array => v.EnumerateArray().Select(Value).ToArray(),
        _ => v.EnumerateObject().ToDictionary(p => p.Name, p => Value(p.Value), StringComparer.Ordinal),
    };
}
