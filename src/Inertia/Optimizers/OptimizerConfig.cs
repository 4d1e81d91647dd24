using System.Text.Json;

namespace Inertia.Optimizers;

/// <summary>
/// An optimizer's configuration: its factory name and every setting as the text
/// <see cref="OptimizerFactory.Create"/> accepts (a schedule is its JSON). JSON-serializable.
/// </summary>
/// <param name="Name">Factory name, e.g. <c>"adam"</c>.</param>
/// <param name="Settings">camelCase Keras hyperparameter names to values.</param>
public sealed record OptimizerConfig(string Name, IReadOnlyDictionary<string, string> Settings)
{
    /// <summary>The config as <c>{"name": ..., "settings": {...}}</c>.</summary>
    public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, object> { ["name"] = Name, ["settings"] = Settings });

    /// <summary>Parses <see cref="ToJson"/>'s form.</summary>
    /// <exception cref="FormatException">The JSON is malformed or lacks name/settings.</exception>
    public static OptimizerConfig FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            string name = root.GetProperty("name").GetString() ?? throw new FormatException("Optimizer config 'name' is null.");
            var settings = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in root.GetProperty("settings").EnumerateObject())
                settings[p.Name] = p.Value.GetString() ?? throw new FormatException($"Optimizer config setting '{p.Name}' is null.");
            return new OptimizerConfig(name, settings);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"Optimizer config JSON is malformed: {e.Message}", e);
        }
    }
}
