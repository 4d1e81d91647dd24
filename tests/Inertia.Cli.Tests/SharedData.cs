namespace Inertia.Cli.Tests;

/// <summary>Finds ../shared/data (or $INERTIA_SHARED/data); a missing folder is a failure, never a skip.</summary>
internal static class SharedData
{
    private static readonly Lazy<string?> Root = new(Locate);

    /// <summary>The folder holding data/ (the shared folder itself).</summary>
    public static string SharedFolder => Root.Value ?? throw new DirectoryNotFoundException(
        $"shared/data was not found above {AppContext.BaseDirectory} and INERTIA_SHARED is not set to a folder holding data/.");

    public static string Iris => Path.Combine(SharedFolder, "data", "iris", "iris.csv");

    private static string? Locate()
    {
        if (Environment.GetEnvironmentVariable("INERTIA_SHARED") is { Length: > 0 } shared)
            return Directory.Exists(Path.Combine(shared, "data")) ? shared : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "data"))) return candidate;
        }
        return null;
    }
}
