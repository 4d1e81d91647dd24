namespace Inertia.IO;

/// <summary>
/// Opens a file Inertia reads (data, model, configuration) after checking, without opening it,
/// that it is a regular file no larger than the caller's cap: a FIFO would block forever, a
/// device such as <c>/dev/zero</c> never ends, and a file over the cap would exhaust memory.
/// </summary>
internal static class InputFile
{
    /// <summary>Opens <paramref name="path"/> for reading; <paramref name="what"/> ("CSV file") names it in messages.</summary>
    /// <exception cref="FileNotFoundException">Nothing is there.</exception>
    /// <exception cref="IOException">It is not a regular file, or it is larger than <paramref name="maxBytes"/>.</exception>
    public static FileStream OpenRead(string path, string what, long maxBytes, string capName)
    {
        Check(path, what);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        if (stream.Length > maxBytes)
        {
            long length = stream.Length;
            stream.Dispose();
            throw new IOException($"{what} '{path}' holds {length:N0} bytes, more than the {maxBytes:N0} allowed ({capName}).");
        }
        return stream;
    }

    /// <summary>Throws unless <paramref name="path"/> is a regular file (a symbolic link to one is fine).</summary>
    public static void Check(string path, string what)
    {
        var kind = FileKinds.Of(path);
        if (kind == FileKind.Missing) throw new FileNotFoundException($"{what} '{path}' does not exist.", path);
        if (kind != FileKind.Regular)
            throw new IOException($"{what} '{path}' is {FileKinds.Describe(kind)}, not a regular file.");
    }

    /// <summary>Reads the whole stream in 1 MiB steps, so a cancellation acts within one step.</summary>
    public static byte[] ReadAll(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(stream.CanSeek ? (int)Math.Min(stream.Length - stream.Position, Array.MaxLength) : 0);
        var chunk = new byte[1 << 20];
        int n;
        while ((n = stream.Read(chunk)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            buffer.Write(chunk, 0, n);
        }
        return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
    }
}
