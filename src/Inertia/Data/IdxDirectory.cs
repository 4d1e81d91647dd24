namespace Inertia.Data;

/// <summary>
/// The IDX files of one directory laid out as MNIST and Fashion-MNIST distribute them:
/// <c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>, <c>t10k-images-idx3-ubyte</c>,
/// <c>t10k-labels-idx1-ubyte</c>, each raw or with <c>.gz</c> (a <c>.</c> before <c>idx</c> is
/// accepted too). When both the train and the t10k pair are complete, <see cref="Train"/> and
/// <see cref="Test"/> hold them; when only one pair is complete (or the directory holds exactly
/// one images file and one labels file under other names), that pair is <see cref="Train"/> and
/// <see cref="Test"/> is null, for the caller to split.
/// </summary>
public sealed class IdxDirectory
{
    private IdxDirectory(Dataset train, Dataset? test, string[] trainFiles, string[]? testFiles)
    {
        Train = train;
        Test = test;
        TrainFiles = trainFiles;
        TestFiles = testFiles;
    }

    /// <summary>The train pair, or the only pair present.</summary>
    public Dataset Train { get; }

    /// <summary>The t10k pair when a train pair is present too; otherwise null.</summary>
    public Dataset? Test { get; }

    /// <summary>Paths of the images and labels files behind <see cref="Train"/>.</summary>
    public IReadOnlyList<string> TrainFiles { get; }

    /// <summary>Paths of the images and labels files behind <see cref="Test"/>, when present.</summary>
    public IReadOnlyList<string>? TestFiles { get; }

    /// <summary>Finds and loads the IDX pairs in <paramref name="directory"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="FileNotFoundException">No complete images + labels pair was found (the message lists the names looked for).</exception>
    /// <exception cref="DataFormatException">A file is invalid.</exception>
    public static IdxDirectory Load(string directory, int classCount = 10)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"IDX data directory '{directory}' does not exist.");
        string[]? train = FindPair(directory, "train");
        string[]? test = FindPair(directory, "t10k");
        if (train is not null && test is not null)
            return new IdxDirectory(IdxReader.Load(train[0], train[1], classCount), IdxReader.Load(test[0], test[1], classCount), train, test);
        string[] single = train ?? test ?? FindOnlyPair(directory)
            ?? throw new FileNotFoundException(
                $"'{directory}' holds no IDX images + labels pair: looked for train-images-idx3-ubyte[.gz] with train-labels-idx1-ubyte[.gz], " +
                "t10k-images-idx3-ubyte[.gz] with t10k-labels-idx1-ubyte[.gz], or exactly one *images*idx3* and one *labels*idx1* file.");
        return new IdxDirectory(IdxReader.Load(single[0], single[1], classCount), null, single, null);
    }

    private static string[]? FindPair(string directory, string prefix)
    {
        string? images = FindFirst(directory, $"{prefix}-images-idx3-ubyte", $"{prefix}-images.idx3-ubyte");
        string? labels = FindFirst(directory, $"{prefix}-labels-idx1-ubyte", $"{prefix}-labels.idx1-ubyte");
        return images is not null && labels is not null ? [images, labels] : null;
    }

    // Raw before .gz: both hold the same content when both are present, and raw reads faster.
    private static string? FindFirst(string directory, params string[] names)
    {
        foreach (string name in names)
            foreach (string candidate in new[] { name, name + ".gz" })
            {
                string path = Path.Combine(directory, candidate);
                if (File.Exists(path)) return path;
            }
        return null;
    }

    private static string[]? FindOnlyPair(string directory)
    {
        string[] images = Directory.GetFiles(directory, "*images*idx3*");
        string[] labels = Directory.GetFiles(directory, "*labels*idx1*");
        return images.Length == 1 && labels.Length == 1 ? [images[0], labels[0]] : null;
    }
}
