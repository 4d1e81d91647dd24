namespace Inertia.Tests.Conformance;

/// <summary>Finds ../shared/conformance (or $INERTIA_SHARED/conformance); a missing folder is a failure, never a skip.</summary>
internal static class SharedConformance
{
    private static readonly Lazy<string?> Root = new(Locate);

    public static string? TryDirectory => Root.Value;

    public static string Directory => Root.Value ?? throw new DirectoryNotFoundException(
        $"shared/conformance was not found above {AppContext.BaseDirectory} and INERTIA_SHARED is not set to a folder holding conformance/.");

    private static string? Locate()
    {
        if (Environment.GetEnvironmentVariable("INERTIA_SHARED") is { Length: > 0 } shared)
        {
            string candidate = Path.Combine(shared, "conformance");
            return System.IO.Directory.Exists(candidate) ? candidate : null;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "conformance");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Every golden file, relative to the conformance folder, '/'-separated, sorted.</summary>
    public static IEnumerable<string> Files() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Directory, f).Replace('\\', '/'))
            .OrderBy(f => f, StringComparer.Ordinal);
}
