namespace Inertia.Cli.Race;

/// <summary>What the race trained on: sizes, classes per part, what is wrong with the split (if anything), and a few sample images for the report.</summary>
internal sealed record DataSummary(
    string Description,
    int TrainCount,
    int ValidationCount,
    IReadOnlyList<int> SampleShape,
    int ClassCount,
    IReadOnlyList<string> ClassNames,
    IReadOnlyList<int> TrainClassCounts,
    IReadOnlyList<int> ValidationClassCounts,
    string? SplitWarning,
    IReadOnlyList<SampleImage> Samples);

/// <summary>One image (pixels in [0, 1], row-major) and its class.</summary>
internal sealed record SampleImage(int Label, string ClassName, int Height, int Width, float[] Pixels);
