using System.Globalization;

namespace Inertia.Cli.Options;

/// <summary>Turns option text into numbers, rejecting anything out of range with a one-line message.</summary>
internal static class ValueParser
{
    public static int Int(string option, string text, int min, int max = int.MaxValue)
    {
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v))
            throw new UsageException($"option '--{option}' needs a whole number, got '{text}'");
        if (v < min || v > max)
            throw new UsageException($"option '--{option}' must be between {min} and {max}, got {v}");
        return v;
    }

    public static ulong ULong(string option, string text)
    {
        if (!ulong.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong v))
            throw new UsageException($"option '--{option}' needs a non-negative whole number, got '{text}'");
        return v;
    }

    /// <summary>A number strictly between <paramref name="low"/> and <paramref name="high"/> unless the bounds are inclusive.</summary>
    public static double Double(string option, string text, double low, double high, bool inclusive)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw new UsageException($"option '--{option}' needs a number, got '{text}'");
        bool ok = inclusive ? v >= low && v <= high : v > low && v < high;
        if (!ok)
        {
            string range = inclusive ? $"[{Fmt(low)}, {Fmt(high)}]" : $"({Fmt(low)}, {Fmt(high)})";
            throw new UsageException($"option '--{option}' must be in {range}, got {text}");
        }
        return v;
    }

    public static bool Bool(string option, string text) => text.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        _ => throw new UsageException($"option '--{option}' needs true or false, got '{text}'"),
    };

    private static string Fmt(double v) => v.ToString(CultureInfo.InvariantCulture);
}
