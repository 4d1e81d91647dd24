using System.Globalization;
using Inertia.Cli.Ratings;

namespace Inertia.Cli.Options;

/// <summary>Parses <c>--set optimizer.key=value</c> into per-optimizer settings; the key may be spelled as Keras does (<see cref="SettingKeys"/>).</summary>
internal static class SettingsOverride
{
    public static (string Optimizer, string Key, object Value) Parse(string text)
    {
        int dot = text.IndexOf('.');
        int eq = text.IndexOf('=');
        if (dot <= 0 || eq < dot + 2 || eq == text.Length - 1)
            throw new UsageException($"option '--set' needs optimizer.key=value (e.g. adam.learningRate=3e-4), got '{text}'");
        string optimizer = text[..dot].ToLowerInvariant();
        string key = text[(dot + 1)..eq];
        string raw = text[(eq + 1)..];
        if (!OptimizerCatalog.IsKnown(optimizer))
            throw new UsageException($"option '--set' names unknown optimizer '{optimizer}'{DidYouMean.Hint(optimizer, OptimizerCatalog.AllNames)} (known: {string.Join(", ", OptimizerCatalog.AllNames)})");
        return (optimizer, SettingKeys.Canonical(optimizer, key), ParseValue(raw));
    }

    public static object ParseValue(string raw)
    {
        if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
            return d;
        if (bool.TryParse(raw, out bool b))
            return b;
        return raw;
    }
}
