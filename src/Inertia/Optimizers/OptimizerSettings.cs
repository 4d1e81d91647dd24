using System.Globalization;
using Inertia.Schedules;

namespace Inertia.Optimizers;

/// <summary>Reads factory settings by name, remembering which were used so unknown keys fail loudly.</summary>
internal sealed class OptimizerSettings
{
    private readonly string _optimizer;
    private readonly Dictionary<string, string> _values;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public OptimizerSettings(string optimizer, IReadOnlyDictionary<string, string>? values)
    {
        _optimizer = optimizer;
        _values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (values is null) return;
        foreach (var (key, value) in values)
            _values[key] = value ?? throw new ArgumentException($"Setting '{key}' of optimizer '{optimizer}' is null.", nameof(values));
    }

    public bool Has(string key) => _values.ContainsKey(key);

    public double? Double(string key)
    {
        if (!TryGet(key, out var text)) return null;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v : throw Invalid(key, text, "a number");
    }

    public int? Int(string key)
    {
        if (!TryGet(key, out var text)) return null;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)
            ? v : throw Invalid(key, text, "an integer");
    }

    public bool? Bool(string key)
    {
        if (!TryGet(key, out var text)) return null;
        return text.Trim().ToLowerInvariant() switch
        {
            "true" or "1" or "yes" => true,
            "false" or "0" or "no" => false,
            _ => throw Invalid(key, text, "true or false"),
        };
    }

    public string? String(string key) => TryGet(key, out var text) ? text : null;

    public LearningRateValue? LearningRate()
    {
        if (!TryGet("learningRate", out var text)) return null;
        if (text.TrimStart().StartsWith('{'))
        {
            try
            {
                return LearningRateSchedule.FromJson(text);
            }
            catch (FormatException e)
            {
                throw new ArgumentException($"Setting 'learningRate' of optimizer '{_optimizer}' is not a valid schedule: {e.Message}", "settings", e);
            }
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate))
            throw Invalid("learningRate", text, "a number or a schedule's JSON");
        return rate;
    }

    public void EnsureAllRead()
    {
        var unknown = _values.Keys.Where(k => !_read.Contains(k)).ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException($"Unknown setting(s) for optimizer '{_optimizer}': {string.Join(", ", unknown)}.", "settings");
    }

    private bool TryGet(string key, out string value)
    {
        _read.Add(key);
        return _values.TryGetValue(key, out value!);
    }

    private ArgumentException Invalid(string key, string text, string expected) =>
        new($"Setting '{key}' of optimizer '{_optimizer}' must be {expected}, not '{text}'.", "settings");
}
