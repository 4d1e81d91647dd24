using System.Buffers.Binary;
using System.IO.Compression;
using Inertia.Data;
using Inertia.Tensors;

namespace Inertia.Tests.Data;

public class IdxReaderTests
{
    private static readonly Lazy<Dataset> Mnist = new(() => IdxReader.Load(SharedData.MnistImages, SharedData.MnistLabels));

    internal static byte[] ImagesFile(int count, int rows = 3, int cols = 2)
    {
        var ms = new MemoryStream();
        var images = new Tensor(count, rows, cols);
        for (int i = 0; i < images.Size; i++) images[i] = (i % 256) / 255f;
        IdxWriter.WriteImages(ms, images);
        return ms.ToArray();
    }

    internal static byte[] LabelsFile(params byte[] labels)
    {
        var ms = new MemoryStream();
        IdxWriter.WriteLabels(ms, Tensor.FromArray(labels.Select(b => (float)b).ToArray(), labels.Length));
        return ms.ToArray();
    }

    internal static byte[] Gzip(byte[] raw)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(raw);
        return ms.ToArray();
    }

    private static DataFormatException ImagesError(byte[] file) =>
        Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(new MemoryStream(file), "bad.idx"));

    [Fact]
    public void Mnist_t10k_loads_as_10000_images_of_28x28_with_the_published_label_counts()
    {
        Dataset d = Mnist.Value;
        Assert.Equal(new Shape(10_000, 28, 28), d.Features.Shape);
        Assert.Equal(10, d.ClassCount);
        Assert.Equal([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009], d.ClassCounts());
        double mean = d.Features.Span.ToArray().Average(v => (double)v) * 255;
        Assert.Equal(33.79, mean, 2);
        Assert.Equal(7f, d.Targets[0]);
        Assert.InRange(d.Features.Span.ToArray().Max(), 1f, 1f);
    }

    [Fact]
    public void Mnist_t10k_round_trips_through_the_writer_byte_for_byte()
    {
        byte[] original;
        using (var gz = new GZipStream(File.OpenRead(SharedData.MnistImages), CompressionMode.Decompress))
        using (var ms = new MemoryStream())
        {
            gz.CopyTo(ms);
            original = ms.ToArray();
        }
        var written = new MemoryStream();
        IdxWriter.WriteImages(written, Mnist.Value.Features);
        Assert.Equal(original, written.ToArray());
        var reread = IdxReader.ReadImages(new MemoryStream(original), "raw");
        Assert.Equal(Mnist.Value.Features.ToArray(), reread.ToArray());
    }

    [Fact]
    public void Gzip_is_detected_by_content_not_by_name()
    {
        byte[] raw = ImagesFile(4);
        var fromRaw = IdxReader.ReadImages(new MemoryStream(raw), "looks.gz");
        var fromGzip = IdxReader.ReadImages(new MemoryStream(Gzip(raw)), "looks-raw");
        Assert.Equal(fromRaw.ToArray(), fromGzip.ToArray());
        Assert.Equal(new Shape(4, 3, 2), fromRaw.Shape);
        Assert.Equal(23 / 255f, fromRaw[23]);
    }

    [Fact]
    public void A_wrong_magic_number_is_reported_at_offset_0()
    {
        byte[] file = ImagesFile(2);
        file[3] = 0x01;
        var e = ImagesError(file);
        Assert.Equal(0, e.ByteOffset);
        Assert.Equal("bad.idx", e.FilePath);
        Assert.Contains("0x00000801", e.Message);
        Assert.Contains("bad.idx", e.Message);
    }

    [Fact]
    public void A_labels_file_is_not_an_images_file()
    {
        var e = ImagesError(LabelsFile(1, 2));
        Assert.Contains("0x00000803", e.Message);
    }

    [Fact]
    public void A_truncated_payload_names_the_offset_where_the_file_ends()
    {
        byte[] file = ImagesFile(5);
        var e = ImagesError(file[..(file.Length - 7)]);
        Assert.Equal(file.Length - 7, e.ByteOffset);
        Assert.Contains("7 are missing", e.Message);
    }

    [Fact]
    public void A_truncated_header_names_the_field_it_cuts()
    {
        var e = ImagesError(ImagesFile(5)[..10]);
        Assert.Equal(10, e.ByteOffset);
        Assert.Contains("dimension 1", e.Message);
    }

    [Fact]
    public void Trailing_bytes_are_reported_where_they_start()
    {
        byte[] file = [.. ImagesFile(2), 0x42];
        var e = ImagesError(file);
        Assert.Equal(16 + 12, e.ByteOffset);
    }

    [Fact]
    public void A_truncated_gzip_file_is_reported_in_decompressed_offsets()
    {
        byte[] gz = Gzip(ImagesFile(200, 28, 28));
        var e = Assert.ThrowsAny<DataFormatException>(() => IdxReader.ReadImages(new MemoryStream(gz[..(gz.Length / 2)]), "half.gz"));
        Assert.Contains("decompressed", e.Message);
        Assert.InRange(e.ByteOffset!.Value, 0, 16 + 200 * 28 * 28);
    }

    [Fact]
    public void A_header_that_claims_billions_of_images_fails_without_allocating_for_them()
    {
        byte[] file = ImagesFile(3);
        BinaryPrimitives.WriteInt32BigEndian(file.AsSpan(4), 2_000_000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = ImagesError(file);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 200_000);
        Assert.Equal(file.Length, e.ByteOffset);

        BinaryPrimitives.WriteInt32BigEndian(file.AsSpan(4), int.MaxValue);
        e = ImagesError(file);
        Assert.Equal(4, e.ByteOffset);

        // 2^22 · 2^21 · 2^21 = 2^64 wraps a long to 0: a header-only file must not pass as empty.
        byte[] header = file[..16];
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), 1 << 22);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8), 1 << 21);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(12), 1 << 21);
        e = ImagesError(header);
        Assert.Equal(4, e.ByteOffset);
    }

    [Fact]
    public void A_dimension_above_int_max_is_rejected_at_its_offset()
    {
        byte[] file = ImagesFile(3);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(8), 0x80000000);
        Assert.Equal(8, ImagesError(file).ByteOffset);
    }

    [Fact]
    public void Zero_sized_images_are_rejected()
    {
        byte[] file = ImagesFile(3);
        BinaryPrimitives.WriteInt32BigEndian(file.AsSpan(12), 0);
        Assert.Contains("no pixels", ImagesError(file).Message);
    }

    [Fact]
    public void A_label_outside_the_class_range_is_reported_at_its_offset()
    {
        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(new MemoryStream(LabelsFile(1, 2, 10, 3)), "labels"));
        Assert.Equal(8 + 2, e.ByteOffset);
        Assert.Contains("label 10 of sample 2", e.Message);
    }

    [Fact]
    public void Images_and_labels_must_hold_the_same_number_of_samples()
    {
        var e = Assert.Throws<DataFormatException>(() =>
            IdxReader.Load(new MemoryStream(ImagesFile(3)), "img", new MemoryStream(LabelsFile(1, 2)), "lbl"));
        Assert.Equal("lbl", e.FilePath);
        Assert.Contains("2 labels", e.Message);
        Assert.Contains("3 images", e.Message);
    }

    [Fact]
    public void The_shared_mnist_directory_loads_its_single_complete_pair()
    {
        var dir = IdxDirectory.Load(SharedData.MnistDirectory);
        Assert.Null(dir.Test);
        Assert.Equal(10_000, dir.Train.Count);
        Assert.EndsWith("t10k-images-idx3-ubyte.gz", dir.TrainFiles[0]);
        var (train, validation) = dir.Train.Split(0.2);
        Assert.Equal(8_000, train.Count);
        Assert.Equal(2_000, validation.Count);
    }

    [Fact]
    public void A_directory_with_train_and_t10k_pairs_loads_both()
    {
        string dir = Directory.CreateTempSubdirectory("inertia-idx").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(dir, "train-images-idx3-ubyte"), ImagesFile(3));
            File.WriteAllBytes(Path.Combine(dir, "train-labels-idx1-ubyte.gz"), Gzip(LabelsFile(0, 1, 2)));
            File.WriteAllBytes(Path.Combine(dir, "t10k-images.idx3-ubyte.gz"), Gzip(ImagesFile(2)));
            File.WriteAllBytes(Path.Combine(dir, "t10k-labels.idx1-ubyte"), LabelsFile(4, 5));
            var loaded = IdxDirectory.Load(dir);
            Assert.Equal(3, loaded.Train.Count);
            Assert.Equal(2, loaded.Test!.Count);
            Assert.Equal(5f, loaded.Test.Targets[1]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_directory_without_a_pair_says_what_it_looked_for()
    {
        string dir = Directory.CreateTempSubdirectory("inertia-idx").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(dir, "train-labels-idx1-ubyte"), LabelsFile(1));
            var e = Assert.Throws<FileNotFoundException>(() => IdxDirectory.Load(dir));
            Assert.Contains("train-images-idx3-ubyte", e.Message);
            Assert.Throws<DirectoryNotFoundException>(() => IdxDirectory.Load(Path.Combine(dir, "missing")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_writer_refuses_pixels_it_cannot_store()
    {
        var images = new Tensor(1, 2, 2);
        images[3] = 1.5f;
        var e = Assert.Throws<ArgumentException>(() => IdxWriter.WriteImages(new MemoryStream(), images));
        Assert.Contains("Pixel 3", e.Message);
    }
}
