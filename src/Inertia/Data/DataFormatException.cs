namespace Inertia.Data;

/// <summary>
/// The one exception type Inertia's data readers (IDX, CSV) throw for content that is not a
/// valid data file: a wrong magic number, impossible dimensions, a truncated or over-long
/// payload, a corrupt gzip stream, a non-numeric or non-finite CSV value, a ragged row, a label
/// out of range. The message and the properties name the file and where in it the problem is.
/// I/O failures (missing file, no permission) keep their own <see cref="IOException"/> types.
/// It derives from <see cref="IOException"/> (<see cref="InvalidDataException"/> is sealed), so
/// one <c>catch (IOException)</c> covers both unreadable and invalid data files.
/// </summary>
public class DataFormatException : IOException
{
    /// <summary>An error at a byte offset of a binary file (for gzip input: of the decompressed stream).</summary>
    public DataFormatException(string filePath, long byteOffset, string problem, Exception? innerException = null)
        : base($"{filePath}: at byte offset {byteOffset}: {problem}", innerException)
    {
        FilePath = filePath;
        ByteOffset = byteOffset;
    }

    /// <summary>An error at a line (1-based) and, when known, a column (1-based) of a text file.</summary>
    public DataFormatException(string filePath, int line, int? column, string problem)
        : base(column is int c ? $"{filePath}: line {line}, column {c}: {problem}" : $"{filePath}: line {line}: {problem}")
    {
        FilePath = filePath;
        Line = line;
        Column = column;
    }

    /// <summary>The file (or stream name) that holds the problem.</summary>
    public string FilePath { get; }

    /// <summary>Byte offset of the problem in a binary file; null for text files.</summary>
    public long? ByteOffset { get; }

    /// <summary>1-based line of the problem in a text file; null for binary files.</summary>
    public int? Line { get; }

    /// <summary>1-based column of the problem in a text file, when one column is to blame.</summary>
    public int? Column { get; }
}
