using System.Text.Json;

namespace Inertia.Schedules;

/// <summary>Reads a schedule's config object, remembering which keys were used so unknown ones fail loudly.</summary>
internal sealed class ScheduleConfigReader
{
    private readonly string _className;
    private readonly JsonElement _config;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public ScheduleConfigReader(string className, JsonElement config)
    {
        if (config.ValueKind != JsonValueKind.Object)
            throw new FormatException($"The config of {className} must be a JSON object.");
        _className = className;
        _config = config;
    }

    public double Double(string key) => TryGet(key, out var e) ? Number(key, e) : throw Missing(key);

    public double Double(string key, double fallback) => TryGet(key, out var e) && e.ValueKind != JsonValueKind.Null ? Number(key, e) : fallback;

    public double? NullableDouble(string key) => TryGet(key, out var e) && e.ValueKind != JsonValueKind.Null ? Number(key, e) : null;

    public long Long(string key) => TryGet(key, out var e) ? Integer(key, e) : throw Missing(key);

    public long Long(string key, long fallback) => TryGet(key, out var e) && e.ValueKind != JsonValueKind.Null ? Integer(key, e) : fallback;

    public bool Bool(string key, bool fallback)
    {
        if (!TryGet(key, out var e) || e.ValueKind == JsonValueKind.Null) return fallback;
        return e.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new FormatException($"{_className} config '{key}' must be true or false, not {e}."),
        };
    }

    public string String(string key, string fallback)
    {
        if (!TryGet(key, out var e) || e.ValueKind == JsonValueKind.Null) return fallback;
        return e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new FormatException($"{_className} config '{key}' must be a string, not {e}.");
    }

    public double[] DoubleArray(string key)
    {
        if (!TryGet(key, out var e)) throw Missing(key);
        if (e.ValueKind != JsonValueKind.Array)
            throw new FormatException($"{_className} config '{key}' must be an array of numbers, not {e}.");
        return e.EnumerateArray().Select(x => Number(key, x)).ToArray();
    }

    public void EnsureAllRead()
    {
        var unknown = _config.EnumerateObject().Select(p => p.Name).Where(n => !_read.Contains(n) && n != "name").ToArray();
        if (unknown.Length > 0)
            throw new FormatException($"Unknown {_className} config key(s): {string.Join(", ", unknown)}.");
    }

    private bool TryGet(string key, out JsonElement value)
    {
        _read.Add(key);
        return _config.TryGetProperty(key, out value);
    }

    private double Number(string key, JsonElement e) =>
        e.ValueKind == JsonValueKind.Number ? e.GetDouble() : throw new FormatException($"{_className} config '{key}' must be a number, not {e}.");

    private long Integer(string key, JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long v)) return v;
        if (e.ValueKind == JsonValueKind.Number && e.GetDouble() is var d && d == Math.Floor(d) && Math.Abs(d) < 1e15) return (long)d;
        throw new FormatException($"{_className} config '{key}' must be an integer, not {e}.");
    }

    private FormatException Missing(string key) => new($"{_className} config lacks the required key '{key}'.");
}
