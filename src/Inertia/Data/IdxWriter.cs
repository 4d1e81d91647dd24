using System.Buffers.Binary;
using Inertia.Tensors;

namespace Inertia.Data;

/// <summary>
/// Writes raw (uncompressed) IDX files that <see cref="IdxReader"/> reads back exactly: images
/// as bytes round(255 · pixel), labels as bytes. Wrap the stream in a
/// <see cref="System.IO.Compression.GZipStream"/> for .gz files.
/// </summary>
public static class IdxWriter
{
    /// <summary>Writes images (N, rows, cols) with pixels in [0, 1].</summary>
    /// <exception cref="ArgumentException">The tensor is not rank 3, or a pixel is outside [0, 1] (the message names it).</exception>
    public static void WriteImages(Stream stream, Tensor images)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(images);
        if (images.Shape.Rank != 3)
            throw new ArgumentException($"Images must have shape (N, rows, cols); got {images.Shape}.", nameof(images));
        ReadOnlySpan<float> pixels = images.Span;
        var bytes = new byte[pixels.Length];
        for (int i = 0; i < pixels.Length; i++)
        {
            if (!(pixels[i] >= 0f && pixels[i] <= 1f))
                throw new ArgumentException($"Pixel {i} is {pixels[i]}; IDX images hold values in [0, 1].", nameof(images));
            bytes[i] = (byte)MathF.Round(pixels[i] * 255f);
        }
        WriteHeader(stream, IdxReader.ImagesMagic, images.Shape.Dimensions);
        stream.Write(bytes);
    }

    /// <summary>Writes labels (N,) holding integers in 0..255.</summary>
    /// <exception cref="ArgumentException">The tensor is not rank 1, or a label is not an integer in 0..255.</exception>
    public static void WriteLabels(Stream stream, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Shape.Rank != 1)
            throw new ArgumentException($"Labels must have shape (N,); got {labels.Shape}.", nameof(labels));
        ReadOnlySpan<float> values = labels.Span;
        var bytes = new byte[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            float y = values[i];
            if (!(y >= 0 && y <= 255) || y != MathF.Floor(y))
                throw new ArgumentException($"Label {i} is {y}; IDX labels are integers in 0..255.", nameof(labels));
            bytes[i] = (byte)y;
        }
        WriteHeader(stream, IdxReader.LabelsMagic, labels.Shape.Dimensions);
        stream.Write(bytes);
    }

    private static void WriteHeader(Stream stream, int magic, ReadOnlySpan<int> dims)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, magic);
        stream.Write(word);
        foreach (int d in dims)
        {
            BinaryPrimitives.WriteInt32BigEndian(word, d);
            stream.Write(word);
        }
    }
}
