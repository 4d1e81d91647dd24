namespace Inertia.Data;

/// <summary>How <see cref="CsvReader"/> interprets a file.</summary>
public sealed record CsvOptions
{
    /// <summary>
    /// The target column: a header name, or a 0-based index (negative counts from the end, −1
    /// is the last column). Null means the last column. Every other column is a feature.
    /// </summary>
    public string? Label { get; init; }

    /// <summary>What the first line is; <see cref="CsvHeader.Auto"/> by default.</summary>
    public CsvHeader Header { get; init; } = CsvHeader.Auto;

    /// <summary>Field separator; ',' by default.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>
    /// Read the label column as a numeric regression target (N, 1) instead of class labels.
    /// </summary>
    public bool Regression { get; init; }

    /// <summary>
    /// Number of classes when labels are integers. Null infers max label + 1, up to
    /// <see cref="CsvReader.MaxInferredClassCount"/>; string labels always get one class per
    /// distinct value.
    /// </summary>
    public int? ClassCount { get; init; }

    /// <summary>
    /// The classes, in index order, that text labels map to (for instance a model's
    /// <c>TrainedOn.ClassNames</c>): label <c>ClassNames[i]</c> is class i, and a label not in the
    /// list is an error. Null numbers text labels in order of first appearance.
    /// </summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>
    /// The largest file <see cref="CsvReader.Read(string, CsvOptions?, CancellationToken)"/> reads, in bytes
    /// (<see cref="CsvReader.DefaultMaxBytes"/> by default): a file is held in memory while it is
    /// parsed, so a bigger one is refused before reading rather than exhausting memory.
    /// </summary>
    public long MaxBytes { get; init; } = CsvReader.DefaultMaxBytes;
}
