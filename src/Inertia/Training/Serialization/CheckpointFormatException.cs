namespace Inertia.Training.Serialization;

/// <summary>
/// The one exception type the model-file reader throws for content that is not a valid Inertia
/// model file: a wrong magic number or version, a checksum mismatch (a corrupt or truncated
/// file), malformed architecture JSON, a payload whose size does not match its description, an
/// unknown layer, optimizer state that does not parse. The message and properties name the file
/// and the byte offset of the problem. I/O failures (missing file) keep their own types.
/// </summary>
public sealed class CheckpointFormatException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="filePath">The file (or stream name) read.</param>
    /// <param name="byteOffset">Offset in the file where the problem is.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="innerException">The parser's own exception, if any.</param>
    public CheckpointFormatException(string filePath, long byteOffset, string problem, Exception? innerException = null)
        : base($"{filePath}: at byte offset {byteOffset}: {problem}", innerException)
    {
        FilePath = filePath;
        ByteOffset = byteOffset;
    }

    /// <summary>The file (or stream name) that holds the problem.</summary>
    public string FilePath { get; }

    /// <summary>Byte offset of the problem.</summary>
    public long ByteOffset { get; }
}
