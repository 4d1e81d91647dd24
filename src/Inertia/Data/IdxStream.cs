using System.IO.Compression;

namespace Inertia.Data;

/// <summary>
/// Reads one IDX file (raw or gzip, told apart by the gzip signature 1F 8B, never by name) and
/// counts the byte offset into the IDX content so errors can say where they are. Memory grows
/// with the bytes actually present, never with what a header claims: a claim is trusted only
/// once the file's size can hold it (<see cref="CanHold"/>), and reading checks the token
/// between chunks so a cancellation acts at once.
/// </summary>
internal sealed class IdxStream : IDisposable
{
    private const int FirstChunk = 64 * 1024;

    /// <summary>Deflate's best ratio is 1032:1; a gzip file cannot decompress to more than this many bytes per byte.</summary>
    private const long MaxGzipRatio = 1032;
    private readonly Stream _stream;
    private readonly bool _compressed;
    private readonly long? _sourceBytes;
    private readonly uint? _gzipSize;
    private readonly CancellationToken _cancellation;

    private IdxStream(Stream stream, string name, bool compressed, long? sourceBytes, uint? gzipSize, CancellationToken cancellation)
    {
        _gzipSize = gzipSize;
        _stream = stream;
        Name = name;
        _compressed = compressed;
        _sourceBytes = sourceBytes;
        _cancellation = cancellation;
    }

    public string Name { get; }

    /// <summary>Offset of the next byte in the IDX content (the decompressed stream for gzip input).</summary>
    public long Offset { get; private set; }

    public static IdxStream Open(Stream input, string name, CancellationToken cancellation = default)
    {
        long? sourceBytes = input.CanSeek ? input.Length - input.Position : null;
        Span<byte> signature = stackalloc byte[2];
        int n = ReadFully(input, signature);
        var replay = new ReplayStream(signature[..n].ToArray(), input);
        bool gzip = n == 2 && signature[0] == 0x1F && signature[1] == 0x8B;
        return gzip
            ? new IdxStream(new GZipStream(replay, CompressionMode.Decompress), name, compressed: true, sourceBytes, GzipTrailerSize(input, sourceBytes), cancellation)
            : new IdxStream(replay, name, compressed: false, sourceBytes, null, cancellation);
    }

    // The last 4 bytes of a gzip file: its decompressed size modulo 2^32 (ISIZE, RFC 1952).
    private static uint? GzipTrailerSize(Stream input, long? sourceBytes)
    {
        if (sourceBytes is not { } length || length < 20) return null;
        long position = input.Position;
        Span<byte> trailer = stackalloc byte[4];
        input.Seek(-4, SeekOrigin.End);
        int n = ReadFully(input, trailer);
        input.Position = position;
        return n == 4 ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(trailer) : null;
    }

    /// <summary>
    /// Whether the size of the input is known, so that a payload claim can be checked before
    /// anything is allocated for it; <see cref="CheckClaim"/> then does the check.
    /// </summary>
    public bool CanHold => _sourceBytes is not null;

    /// <summary>
    /// Refuses a header that promises more payload than the input can hold: exactly the rest of a
    /// raw file, at most <see cref="MaxGzipRatio"/> bytes per compressed byte for gzip.
    /// </summary>
    public void CheckClaim(long length, string what)
    {
        long source = _sourceBytes!.Value;
        if (!_compressed && Offset + length > source)
            throw Error(source, $"the file ends after {source} bytes; the header promises {length} bytes of {what} from offset {Offset}, so {Offset + length - source} are missing.");
        if (_compressed && Offset + length > source * MaxGzipRatio)
            throw Error(Offset, $"the header promises {length} bytes of {what}, more than {source} compressed bytes can hold (gzip expands at most {MaxGzipRatio}:1).");
        if (_compressed && _gzipSize is { } size && (uint)(Offset + length) != size)
            throw Error(Offset, $"the header promises {length} bytes of {what} from offset {Offset}, but the gzip trailer records {size} decompressed bytes in all (modulo 2^32).");
    }

    /// <summary>
    /// Reads the <paramref name="destination"/>.Length-byte payload straight into
    /// <paramref name="destination"/> as <paramref name="values"/>[byte], in chunks, and checks
    /// that nothing follows it. Call after <see cref="CheckClaim"/>: the destination is sized by the claim.
    /// </summary>
    public void ReadInto(Span<float> destination, ReadOnlySpan<float> values, string what)
    {
        long start = Offset;
        var chunk = new byte[Math.Min(Math.Max(destination.Length, 1), FirstChunk)];
        int filled = 0;
        while (filled < destination.Length)
        {
            int n = Read(chunk.AsSpan(0, Math.Min(chunk.Length, destination.Length - filled)));
            if (n == 0)
                throw Error(Offset, $"the file ends after {Offset} bytes; the header promises {destination.Length} bytes of {what} from offset {start}, so {destination.Length - filled} are missing.");
            for (int i = 0; i < n; i++) destination[filled + i] = values[chunk[i]];
            filled += n;
        }
        CheckEnd(destination.Length, what);
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
        CheckEnd(length, what);
        return buffer;
    }

    private void CheckEnd(int length, string what)
    {
        Span<byte> extra = stackalloc byte[1];
        if (Read(extra) > 0)
            throw Error(Offset - 1, $"unexpected data after the {length} bytes of {what} that the header promises (the file should end at offset {Offset - 1}).");
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
                _cancellation.ThrowIfCancellationRequested();
                int n = _stream.Read(buffer[total..]);
                if (n == 0) break;
                total += n;
                Offset += n;
            }
        }
        catch (InvalidDataException e)
        {
            throw Error(Offset, $"the gzip stream is corrupt: {GzipProblem(e)}", e);
        }
        return total;
    }

    // .NET names a failed CRC or length check "unsupported compression method"; the trailer is what failed.
    private static string GzipProblem(InvalidDataException e) =>
        e.Message.Contains("unsupported compression method", StringComparison.OrdinalIgnoreCase)
            ? "its data does not match the CRC-32 or length in its trailer, or its header is damaged."
            : e.Message.TrimEnd('.') + ".";

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
