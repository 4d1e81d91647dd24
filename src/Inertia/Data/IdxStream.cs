using System.IO.Compression;

namespace Inertia.Data;

/// <summary>
/// Reads one IDX file (raw or gzip, told apart by the gzip signature 1F 8B, never by name) and
/// counts the byte offset into the IDX content so errors can say where they are. Memory grows
/// with the bytes actually present, never with what a header claims.
/// </summary>
internal sealed class IdxStream : IDisposable
{
    private const int FirstChunk = 64 * 1024;
    private readonly Stream _stream;
    private readonly bool _compressed;

    private IdxStream(Stream stream, string name, bool compressed)
    {
        _stream = stream;
        Name = name;
        _compressed = compressed;
    }

    public string Name { get; }

    /// <summary>Offset of the next byte in the IDX content (the decompressed stream for gzip input).</summary>
    public long Offset { get; private set; }

    public static IdxStream Open(Stream input, string name)
    {
        Span<byte> signature = stackalloc byte[2];
        int n = ReadFully(input, signature);
        var replay = new ReplayStream(signature[..n].ToArray(), input);
        bool gzip = n == 2 && signature[0] == 0x1F && signature[1] == 0x8B;
        return gzip
            ? new IdxStream(new GZipStream(replay, CompressionMode.Decompress), name, compressed: true)
            : new IdxStream(replay, name, compressed: false);
    }

    /// <summary>Reads exactly <paramref name="buffer"/>.Length bytes or throws naming the offset where the data ends.</summary>
    public void ReadExactly(Span<byte> buffer, string what)
    {
        int n = Read(buffer);
        if (n < buffer.Length)
            throw Error(Offset, $"the file ends after {Offset} bytes, inside the {what} (which needs {buffer.Length} bytes from offset {Offset - n}).");
    }

    /// <summary>
    /// Reads the <paramref name="length"/>-byte payload and checks that nothing follows it.
    /// The buffer starts small and doubles as bytes arrive, so a header that lies about the
    /// length costs at most twice the bytes really present.
    /// </summary>
    public byte[] ReadPayload(int length, string what)
    {
        long start = Offset;
        var buffer = new byte[Math.Min(length, FirstChunk)];
        int filled = 0;
        while (filled < length)
        {
            if (filled == buffer.Length)
                Array.Resize(ref buffer, (int)Math.Min(length, 2L * buffer.Length));
            int n = Read(buffer.AsSpan(filled, buffer.Length - filled));
            if (n == 0)
                throw Error(Offset, $"the file ends after {Offset} bytes; the header promises {length} bytes of {what} from offset {start}, so {length - filled} are missing.");
            filled += n;
        }
        Span<byte> extra = stackalloc byte[1];
        if (Read(extra) > 0)
            throw Error(Offset - 1, $"unexpected data after the {length} bytes of {what} that the header promises (the file should end at offset {Offset - 1}).");
        return buffer;
    }

    public DataFormatException Error(long offset, string problem, Exception? inner = null) =>
        new(Name, offset, _compressed ? problem + " (offset in the decompressed gzip content)" : problem, inner);

    private int Read(Span<byte> buffer)
    {
        int total = 0;
        try
        {
            while (total < buffer.Length)
            {
                int n = _stream.Read(buffer[total..]);
                if (n == 0) break;
                total += n;
                Offset += n;
            }
        }
        catch (InvalidDataException e)
        {
            throw Error(Offset, $"the gzip stream is corrupt: {e.Message}", e);
        }
        return total;
    }

    private static int ReadFully(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer[total..]);
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    public void Dispose() => _stream.Dispose();
}
