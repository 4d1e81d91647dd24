using System.Globalization;

namespace Inertia.Cli.Options;

/// <summary>
/// The largest inputs the CLI reads, each overridable by an environment variable holding a byte
/// count: CSV files (INERTIA_MAX_CSV_BYTES, 1 GiB), JSON files for --config and --schedule
/// (INERTIA_MAX_JSON_BYTES, 1 MiB) and model files (INERTIA_MAX_MODEL_BYTES, 2 GiB).
/// </summary>
internal static class InputCaps
{
    public static long CsvBytes => Read("INERTIA_MAX_CSV_BYTES", Inertia.Data.CsvReader.DefaultMaxBytes);

    public static long JsonBytes => Read("INERTIA_MAX_JSON_BYTES", 1L << 20);

    public static long ModelBytes => Read("INERTIA_MAX_MODEL_BYTES", Inertia.Training.Sequential.DefaultMaxFileBytes);

    private static long Read(string variable, long fallback)
    {
        string? text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(text)) return fallback;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value < 1)
            throw new UsageException($"environment variable {variable} must be a positive number of bytes, is '{text}'");
        return value;
    }
}
