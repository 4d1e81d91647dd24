using System.Globalization;

namespace Inertia.Cli.Race;

/// <summary>Optimizer settings as the text the optimizer factory takes.</summary>
internal static class RaceSettings
{
    public static SortedDictionary<string, string> AsText(IReadOnlyDictionary<string, object> settings)
    {
        var text = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var kv in settings)
            text[kv.Key] = kv.Value switch
            {
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                bool b => b ? "true" : "false",
                _ => Convert.ToString(kv.Value, CultureInfo.InvariantCulture) ?? "",
            };
        return text;
    }
}
