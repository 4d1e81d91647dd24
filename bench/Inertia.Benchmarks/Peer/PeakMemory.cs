namespace Inertia.Benchmarks.Peer;

/// <summary>
/// Peak resident memory of one side of one workload: Linux resets the process's high-water mark
/// (VmHWM) when 5 is written to /proc/self/clear_refs, so each side's peak is read on its own.
/// </summary>
internal static class PeakMemory
{
    /// <summary>Resets the high-water mark; returns the resident set now, in bytes (0 where unsupported).</summary>
    public static long Reset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
        return Read("VmRSS:");
    }

    /// <summary>The high-water mark of the resident set since the last <see cref="Reset"/>, in bytes.</summary>
    public static long Peak() => Read("VmHWM:");

    private static long Read(string field)
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status)) return 0;
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0]) * 1024;
    }
}
