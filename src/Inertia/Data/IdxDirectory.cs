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
    /// <exception cref="DataFormatException">A file is invalid, or a raw file and its <c>.gz</c> twin hold different content.</exception>
    /// <exception cref="IOException">A file is not a regular file (a FIFO, a device).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while reading.</exception>
    public static IdxDirectory Load(string directory, int classCount = 10, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"IDX data directory '{directory}' does not exist.");
        string[]? train = FindPair(directory, "train");
        string[]? test = FindPair(directory, "t10k");
        if (train is not null && test is not null)
            return new IdxDirectory(IdxReader.Load(train[0], train[1], classCount, cancellationToken), IdxReader.Load(test[0], test[1], classCount, cancellationToken), train, test);
        string[] single = train ?? test ?? FindOnlyPair(directory)
            ?? throw new FileNotFoundException(
                $"'{directory}' holds no IDX images + labels pair: looked for train-images-idx3-ubyte[.gz] with train-labels-idx1-ubyte[.gz], " +
                "t10k-images-idx3-ubyte[.gz] with t10k-labels-idx1-ubyte[.gz], or exactly one *images*idx3* and one *labels*idx1* file.");
        return new IdxDirectory(IdxReader.Load(single[0], single[1], classCount, cancellationToken), null, single, null);
    }

    private static string[]? FindPair(string directory, string prefix)
    {
        string? images = FindFirst(directory, $"{prefix}-images-idx3-ubyte", $"{prefix}-images.idx3-ubyte");
        string? labels = FindFirst(directory, $"{prefix}-labels-idx1-ubyte", $"{prefix}-labels.idx1-ubyte");
        return images is not null && labels is not null ? [images, labels] : null;
    }

    // Raw before .gz, as raw reads faster; when both are present they must hold the same content.
    private static string? FindFirst(string directory, params string[] names)
    {
        foreach (string name in names)
        {
            string raw = Path.Combine(directory, name), gz = raw + ".gz";
            if (File.Exists(raw))
            {
                if (File.Exists(gz)) CheckSameContent(raw, gz);
                return raw;
            }
            if (File.Exists(gz)) return gz;
        }
        return null;
    }

    private static void CheckSameContent(string raw, string gz)
    {
        using var a = IO.InputFile.OpenRead(raw, "IDX file", long.MaxValue, "");
        using var compressed = IO.InputFile.OpenRead(gz, "IDX file", long.MaxValue, "");
        using var b = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionMode.Decompress);
        var x = new byte[1 << 16];
        var y = new byte[1 << 16];
        long offset = 0;
        while (true)
        {
            int n = a.ReadAtLeast(x, x.Length, throwOnEndOfStream: false);
            int m;
            try
            {
                m = b.ReadAtLeast(y, y.Length, throwOnEndOfStream: false);
            }
            catch (InvalidDataException e)
            {
                throw new DataFormatException(gz, offset, "the gzip data is damaged, so it cannot be checked against " + Path.GetFileName(raw) + ".", e);
            }
            int same = x.AsSpan(0, Math.Min(n, m)).CommonPrefixLength(y.AsSpan(0, Math.Min(n, m)));
            if (same < Math.Min(n, m) || n != m)
                throw new DataFormatException(gz, offset + same,
                    $"{Path.GetFileName(raw)} and {Path.GetFileName(gz)} are both present but differ from this offset on; remove the stale one.");
            if (n == 0) return;
            offset += n;
        }
    }

    private static string[]? FindOnlyPair(string directory)
    {
        string[] images = Directory.GetFiles(directory, "*images*idx3*");
        string[] labels = Directory.GetFiles(directory, "*labels*idx1*");
        return images.Length == 1 && labels.Length == 1 ? [images[0], labels[0]] : null;
    }
}
