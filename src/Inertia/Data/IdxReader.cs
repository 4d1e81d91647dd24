using System.Buffers.Binary;
using Inertia.Tensors;

namespace Inertia.Data;

/// <summary>
/// Reads the IDX files of MNIST and Fashion-MNIST, raw or gzip-compressed (detected from the
/// gzip signature, not the file name). Checks the magic number (0x00000803 for images,
/// 0x00000801 for labels), the dimensions, the exact payload length and the label range;
/// anything else throws <see cref="DataFormatException"/> naming the file and the byte offset
/// (for gzip input, the offset in the decompressed content). Memory is bounded by the bytes
/// actually present, whatever the header claims: a file's size is checked against its header
/// before anything is allocated, and the pixels are decoded in chunks straight into the tensor,
/// so a valid file needs little more than its decoded float32 size. Only regular files are
/// opened (a FIFO or a device is refused), and a cancellation token stops reading between chunks.
/// </summary>
public static class IdxReader
{
    /// <summary>Magic number of an IDX file of unsigned bytes with 3 dimensions (images).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of an IDX file of unsigned bytes with 1 dimension (labels).</summary>
    public const int LabelsMagic = 0x00000801;

    private static readonly float[] PixelValues = Enumerable.Range(0, 256).Select(b => b / 255f).ToArray();
    private static readonly float[] ByteValues = Enumerable.Range(0, 256).Select(b => (float)b).ToArray();

    /// <summary>Reads an images file as a tensor (N, rows, cols) of pixels scaled from 0..255 to [0, 1].</summary>
    /// <exception cref="DataFormatException">The file is not a valid IDX images file.</exception>
    /// <exception cref="IOException">The path is not a regular file.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while reading.</exception>
    public static Tensor ReadImages(string path, CancellationToken cancellationToken = default)
    {
        using var file = Open(path, "IDX images file");
        return ReadImages(file, path, cancellationToken);
    }

    /// <summary>Reads IDX images from <paramref name="stream"/>; <paramref name="name"/> is used in error messages.</summary>
    /// <exception cref="DataFormatException">The content is not a valid IDX images file.</exception>
    public static Tensor ReadImages(Stream stream, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        using var idx = IdxStream.Open(stream, name, cancellationToken);
        int[] dims = ReadHeader(idx, ImagesMagic, "images");
        if (dims[1] == 0 || dims[2] == 0)
            throw idx.Error(8, $"images of {dims[1]}×{dims[2]} pixels have no pixels.");
        // Two steps: the product of three sizes up to 2^31 would overflow a long.
        long size = (long)dims[0] * dims[1];
        if (size > int.MaxValue || (size *= dims[2]) > int.MaxValue)
            throw idx.Error(4, $"{dims[0]} images of {dims[1]}×{dims[2]} pixels exceed the {int.MaxValue} elements a tensor holds.");
        return Decode(idx, dims, PixelValues, "pixels");
    }

    /// <summary>Reads a labels file as a tensor (N,) of class indices stored as floats.</summary>
    /// <param name="path">The file.</param>
    /// <param name="classCount">Labels must lie in [0, classCount).</param>
    /// <param name="cancellationToken">Stops reading between chunks.</param>
    /// <exception cref="DataFormatException">The file is not a valid IDX labels file, or a label is out of range.</exception>
    /// <exception cref="IOException">The path is not a regular file.</exception>
    public static Tensor ReadLabels(string path, int classCount = 10, CancellationToken cancellationToken = default)
    {
        using var file = Open(path, "IDX labels file");
        return ReadLabels(file, path, classCount, cancellationToken);
    }

    /// <summary>Reads IDX labels from <paramref name="stream"/>; <paramref name="name"/> is used in error messages.</summary>
    /// <exception cref="DataFormatException">The content is not a valid IDX labels file, or a label is out of range.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is not in 1..256.</exception>
    public static Tensor ReadLabels(Stream stream, string name, int classCount = 10, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(classCount, 256);
        using var idx = IdxStream.Open(stream, name, cancellationToken);
        int[] dims = ReadHeader(idx, LabelsMagic, "labels");
        long start = idx.Offset;
        var labels = Decode(idx, dims, ByteValues, "labels");
        ReadOnlySpan<float> values = labels.Span;
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] >= classCount)
                throw idx.Error(start + i, $"label {values[i]} of sample {i} is outside the class range [0, {classCount}).");
        }
        return labels;
    }

    /// <summary>Loads an images file and its labels file as a classification data set with features (N, rows, cols).</summary>
    /// <exception cref="DataFormatException">A file is invalid, or the two hold different numbers of samples.</exception>
    /// <exception cref="IOException">A path is not a regular file.</exception>
    public static Dataset Load(string imagesPath, string labelsPath, int classCount = 10, CancellationToken cancellationToken = default)
    {
        using var images = Open(imagesPath, "IDX images file");
        using var labels = Open(labelsPath, "IDX labels file");
        return Load(images, imagesPath, labels, labelsPath, classCount, cancellationToken);
    }

    /// <summary>Loads images and labels from streams (names are used in error messages).</summary>
    /// <exception cref="DataFormatException">The content is invalid, or the two hold different numbers of samples.</exception>
    public static Dataset Load(Stream images, string imagesName, Stream labels, string labelsName, int classCount = 10, CancellationToken cancellationToken = default)
    {
        Tensor x = ReadImages(images, imagesName, cancellationToken);
        Tensor y = ReadLabels(labels, labelsName, classCount, cancellationToken);
        if (x.Shape[0] != y.Shape[0])
            throw new DataFormatException(labelsName, 4, $"the file holds {y.Shape[0]} labels but {imagesName} holds {x.Shape[0]} images.");
        return Dataset.Classification(x, y, classCount);
    }

    // No size cap: the header's claim is checked against the file's size before any allocation.
    private static FileStream Open(string path, string what) => IO.InputFile.OpenRead(path, what, long.MaxValue, "");

    /// <summary>
    /// The payload as a tensor of <paramref name="dims"/>: decoded chunk by chunk into a tensor
    /// allocated once the input's size is known to hold it; from a stream of unknown size, read
    /// into a buffer that grows with the bytes present first.
    /// </summary>
    private static Tensor Decode(IdxStream idx, int[] dims, float[] values, string what)
    {
        int length = new Shape(dims).Size;
        if (idx.CanHold)
        {
            idx.CheckClaim(length, what);
            var tensor = new Tensor(dims);
            idx.ReadInto(tensor.Span, values, what);
            return tensor;
        }
        byte[] bytes = idx.ReadPayload(length, what);
        var result = new Tensor(dims);
        Span<float> span = result.Span;
        for (int i = 0; i < span.Length; i++) span[i] = values[bytes[i]];
        return result;
    }

    private static int[] ReadHeader(IdxStream idx, int expectedMagic, string what)
    {
        Span<byte> word = stackalloc byte[4];
        idx.ReadExactly(word, "magic number");
        int magic = BinaryPrimitives.ReadInt32BigEndian(word);
        if (magic != expectedMagic)
            throw idx.Error(0, $"magic number 0x{magic:X8} is not that of an IDX {what} file (0x{expectedMagic:X8}).");
        var dims = new int[expectedMagic & 0xFF];
        for (int d = 0; d < dims.Length; d++)
        {
            long at = idx.Offset;
            idx.ReadExactly(word, $"size of dimension {d}");
            uint value = BinaryPrimitives.ReadUInt32BigEndian(word);
            if (value > int.MaxValue)
                throw idx.Error(at, $"dimension {d} has size {value}, more than {int.MaxValue}.");
            dims[d] = (int)value;
        }
        return dims;
    }
}
