namespace Inertia.Tests.Data;

/// <summary>
/// Finds ../shared beside the repository root (or INERTIA_SHARED). Tests that need it fail
/// when it is missing: a silently skipped data test proves nothing.
/// </summary>
internal static class SharedData
{
    public static string Root { get; } = Locate();

    public static string MnistDirectory => Path.Combine(Root, "data", "mnist");

    public static string MnistImages => Path.Combine(MnistDirectory, "t10k-images-idx3-ubyte.gz");

    public static string MnistLabels => Path.Combine(MnistDirectory, "t10k-labels-idx1-ubyte.gz");

    public static string Iris => Path.Combine(Root, "data", "iris", "iris.csv");

    private static string Locate()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("INERTIA_SHARED");
        if (!string.IsNullOrEmpty(fromEnvironment))
            return Directory.Exists(Path.Combine(fromEnvironment, "conformance"))
                ? fromEnvironment
                : throw new DirectoryNotFoundException($"INERTIA_SHARED={fromEnvironment} has no conformance folder.");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "conformance"))) return candidate;
        }
        throw new DirectoryNotFoundException($"No shared/conformance folder above {AppContext.BaseDirectory}; set INERTIA_SHARED.");
    }
}
