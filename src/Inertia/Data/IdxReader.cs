using System.Buffers.Binary;
using Inertia.Tensors;

namespace Inertia.Data;

/// <summary>
/// Reads the IDX files of MNIST and Fashion-MNIST, raw or gzip-compressed (detected from the
/// gzip signature, not the file name). Checks the magic number (0x00000803 for images,
/// 0x00000801 for labels), the dimensions, the exact payload length and the label range;
/// anything else throws <see cref="DataFormatException"/> naming the file and the byte offset
/// (for gzip input, the offset in the decompressed content). Memory is bounded by the bytes
/// actually present, whatever the header claims.
/// </summary>
public static class IdxReader
{
    /// <summary>Magic number of an IDX file of unsigned bytes with 3 dimensions (images).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of an IDX file of unsigned bytes with 1 dimension (labels).</summary>
    public const int LabelsMagic = 0x00000801;

    private static readonly float[] PixelValues = Enumerable.Range(0, 256).Select(b => b / 255f).ToArray();

    /// <summary>Reads an images file as a tensor (N, rows, cols) of pixels scaled from 0..255 to [0, 1].</summary>
    /// <exception cref="DataFormatException">The file is not a valid IDX images file.</exception>
    public static Tensor ReadImages(string path)
    {
        using var file = File.OpenRead(path);
        return ReadImages(file, path);
    }

    /// <summary>Reads IDX images from <paramref name="stream"/>; <paramref name="name"/> is used in error messages.</summary>
    /// <exception cref="DataFormatException">The content is not a valid IDX images file.</exception>
    public static Tensor ReadImages(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        using var idx = IdxStream.Open(stream, name);
        int[] dims = ReadHeader(idx, ImagesMagic, "images");
        if (dims[1] == 0 || dims[2] == 0)
            throw idx.Error(8, $"images of {dims[1]}×{dims[2]} pixels have no pixels.");
        // Two steps: the product of three sizes up to 2^31 would overflow a long.
        long size = (long)dims[0] * dims[1];
        if (size > int.MaxValue || (size *= dims[2]) > int.MaxValue)
            throw idx.Error(4, $"{dims[0]} images of {dims[1]}×{dims[2]} pixels exceed the {int.MaxValue} elements a tensor holds.");
        byte[] pixels = idx.ReadPayload((int)size, "pixels");
        var images = new Tensor(dims);
        Span<float> values = images.Span;
        for (int i = 0; i < values.Length; i++) values[i] = PixelValues[pixels[i]];
        return images;
    }

    /// <summary>Reads a labels file as a tensor (N,) of class indices stored as floats.</summary>
    /// <param name="path">The file.</param>
    /// <param name="classCount">Labels must lie in [0, classCount).</param>
    /// <exception cref="DataFormatException">The file is not a valid IDX labels file, or a label is out of range.</exception>
    public static Tensor ReadLabels(string path, int classCount = 10)
    {
        using var file = File.OpenRead(path);
        return ReadLabels(file, path, classCount);
    }

    /// <summary>Reads IDX labels from <paramref name="stream"/>; <paramref name="name"/> is used in error messages.</summary>
    /// <exception cref="DataFormatException">The content is not a valid IDX labels file, or a label is out of range.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is not in 1..256.</exception>
    public static Tensor ReadLabels(Stream stream, string name, int classCount = 10)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(classCount, 256);
        using var idx = IdxStream.Open(stream, name);
        int count = ReadHeader(idx, LabelsMagic, "labels")[0];
        long start = idx.Offset;
        byte[] bytes = idx.ReadPayload(count, "labels");
        var labels = new Tensor(count);
        Span<float> values = labels.Span;
        for (int i = 0; i < count; i++)
        {
            if (bytes[i] >= classCount)
                throw idx.Error(start + i, $"label {bytes[i]} of sample {i} is outside the class range [0, {classCount}).");
            values[i] = bytes[i];
        }
        return labels;
    }

    /// <summary>Loads an images file and its labels file as a classification data set with features (N, rows, cols).</summary>
    /// <exception cref="DataFormatException">A file is invalid, or the two hold different numbers of samples.</exception>
    public static Dataset Load(string imagesPath, string labelsPath, int classCount = 10)
    {
        using var images = File.OpenRead(imagesPath);
        using var labels = File.OpenRead(labelsPath);
        return Load(images, imagesPath, labels, labelsPath, classCount);
    }

    /// <summary>Loads images and labels from streams (names are used in error messages).</summary>
    /// <exception cref="DataFormatException">The content is invalid, or the two hold different numbers of samples.</exception>
    public static Dataset Load(Stream images, string imagesName, Stream labels, string labelsName, int classCount = 10)
    {
        Tensor x = ReadImages(images, imagesName);
        Tensor y = ReadLabels(labels, labelsName, classCount);
        if (x.Shape[0] != y.Shape[0])
            throw new DataFormatException(labelsName, 4, $"the file holds {y.Shape[0]} labels but {imagesName} holds {x.Shape[0]} images.");
        return Dataset.Classification(x, y, classCount);
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
