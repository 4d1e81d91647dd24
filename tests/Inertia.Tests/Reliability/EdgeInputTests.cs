using System.IO.Compression;
using System.Security.Cryptography;
using Inertia.Data;
using Inertia.IO;
using Inertia.Layers;
using Inertia.Tensors;
using Inertia.Training;
using Inertia.Training.Serialization;

namespace Inertia.Tests.Reliability;

/// <summary>Issue 16: hostile paths and files at the library's edges (readers, model files, the atomic writer).</summary>
public class EdgeInputTests
{
    private static Sequential SmallModel()
    {
        var model = new Sequential(new Shape(4));
        model.Add(new Dense(3));
        model.Build(1);
        return model;
    }

    // A reader that opens a FIFO blocks forever; the limit turns that hang into a failure.
    private static T Within20Seconds<T>(Func<T> action)
    {
        var task = Task.Run(action);
        Assert.True(task.Wait(TimeSpan.FromSeconds(20)), "the call was still blocked after 20 s");
        return task.Result;
    }

    private static Exception Thrown(Action action) => Within20Seconds(() => Record.Exception(action)) ?? throw new Xunit.Sdk.XunitException("nothing was thrown");

    [Fact]
    public void Saving_never_replaces_a_fifo_a_symbolic_link_or_a_directory()
    {
        using var files = new SpecialFiles();
        var model = SmallModel();
        string fifo = files.Fifo("model.fifo");
        string target = files.File("kept.txt");
        File.WriteAllText(target, "keep");
        string link = files.Link("model.link", target);
        string folder = files.File("folder");
        Directory.CreateDirectory(folder);

        Assert.IsType<IOException>(Thrown(() => model.Save(fifo)), exactMatch: false);
        Assert.IsType<IOException>(Thrown(() => model.Save(link)), exactMatch: false);
        Assert.IsType<IOException>(Thrown(() => model.Save(folder)), exactMatch: false);

        Assert.Equal(FileKind.Fifo, FileKinds.Of(fifo, followLinks: false));
        Assert.Equal(FileKind.SymbolicLink, FileKinds.Of(link, followLinks: false));
        Assert.Equal("keep", File.ReadAllText(target));
        Assert.Equal(FileKind.Directory, FileKinds.Of(folder));
        Assert.Equal(new[] { fifo, target, link, folder }.Order(), Directory.EnumerateFileSystemEntries(files.Folder).Order());
    }

    [Fact]
    public void Every_reader_refuses_a_fifo_before_opening_it()
    {
        using var files = new SpecialFiles();
        string fifo = files.Fifo("data.fifo");
        foreach (Action read in new Action[]
        {
            () => IdxReader.ReadImages(fifo),
            () => IdxReader.ReadLabels(fifo),
            () => CsvReader.Read(fifo),
            () => Sequential.Load(fifo),
        })
        {
            var e = Thrown(read);
            Assert.IsType<IOException>(e, exactMatch: false);
            Assert.Contains("FIFO", e.Message);
        }
    }

    [Fact]
    public void Readers_refuse_a_character_device_that_never_ends()
    {
        Assert.Contains("character device", Thrown(() => CsvReader.Read("/dev/zero")).Message);
        Assert.Contains("character device", Thrown(() => Sequential.Load("/dev/zero")).Message);
        Assert.Contains("character device", Thrown(() => IdxReader.ReadImages("/dev/zero")).Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_valid_idx_file_allocates_at_most_one_and_a_half_times_its_decoded_float32_size(bool gzip)
    {
        using var files = new SpecialFiles();
        const int count = 2000;
        var images = new Tensor(count, 28, 28);
        var span = images.Span;
        for (int i = 0; i < span.Length; i++) span[i] = (i * 7 % 256) / 255f;
        string path = files.File("images.idx");
        using (var file = File.Create(path))
        using (Stream target = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file)
            IdxWriter.WriteImages(target, images);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var read = IdxReader.ReadImages(path);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        long decoded = 4L * count * 28 * 28;
        Assert.True(allocated <= 1.5 * decoded, $"allocated {allocated:N0} bytes for {decoded:N0} decoded bytes");
        Assert.True(images.Span.SequenceEqual(read.Span));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_idx_header_claiming_more_than_the_file_can_hold_is_refused_before_allocating(bool gzip)
    {
        using var files = new SpecialFiles();
        string path = files.File("lying.idx");
        using (var file = File.Create(path))
        using (Stream target = gzip ? new GZipStream(file, CompressionLevel.SmallestSize) : file)
        {
            target.Write([0, 0, 8, 3, 0, 0x1E, 0x84, 0x80, 0, 0, 0, 28, 0, 0, 0, 28]); // 2,000,000 images of 28×28
            target.Write(new byte[4 << 20]); // 4 MB of zeros: a few KB compressed
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("header promises", e.Message);
        Assert.True(allocated < 1 << 20, $"allocated {allocated:N0} bytes before refusing");
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_refused_at_its_magic_number_before_the_rest_is_read()
    {
        using var files = new SpecialFiles();
        string path = files.File("big.bin");
        using (var file = File.Create(path)) file.SetLength(64L << 20);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<CheckpointFormatException>(() => Sequential.Load(path));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
        Assert.Contains("magic number", e.Message);
    }

    [Fact]
    public void Files_over_their_cap_are_refused_before_reading()
    {
        using var files = new SpecialFiles();
        string csv = files.File("data.csv");
        File.WriteAllText(csv, string.Concat(Enumerable.Repeat("1,2,0\n", 100)));
        var e = Assert.Throws<IOException>(() => CsvReader.Read(csv, new CsvOptions { MaxBytes = 100 }));
        Assert.Contains("600 bytes, more than the 100", e.Message);
        var model = files.File("m.inertia");
        SmallModel().Save(model);
        Assert.Throws<IOException>(() => Sequential.Load(model, maxBytes: 64));
    }

    [Fact]
    public void A_cancelled_token_stops_every_reader()
    {
        using var files = new SpecialFiles();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        string images = files.File("train-images-idx3-ubyte"), labels = files.File("train-labels-idx1-ubyte");
        using (var f = File.Create(images)) IdxWriter.WriteImages(f, new Tensor(10, 2, 2));
        using (var f = File.Create(labels)) IdxWriter.WriteLabels(f, new Tensor(10));
        string csv = files.File("d.csv");
        File.WriteAllText(csv, "1,0\n2,1\n");
        string model = files.File("m.inertia");
        SmallModel().Save(model);
        Assert.ThrowsAny<OperationCanceledException>(() => IdxReader.ReadImages(images, cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => IdxDirectory.Load(files.Folder, cancellationToken: cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => CsvReader.Read(csv, null, cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => Sequential.Load(model, Sequential.DefaultMaxFileBytes, cancelled.Token));
    }

    [Fact]
    public void A_model_whose_weights_are_not_finite_is_refused_on_load()
    {
        var model = SmallModel();
        model.WeightTensors().First().Value.Span[1] = float.NaN;
        using var file = new MemoryStream();
        model.Save(file);
        var e = Assert.Throws<CheckpointFormatException>(() => Sequential.Load(new MemoryStream(file.ToArray()), "nan.inertia"));
        Assert.Contains("NaN at index 1", e.Message);
    }

    [Fact]
    public void A_model_file_keeps_its_class_names_scaler_and_data_description()
    {
        var model = SmallModel();
        model.TrainedOn = new DataDescription("CSV iris.csv", ["setosa", "versicolor", "virginica"], [5.8, 3.0, 3.7, 1.2], [0.8, 0.4, 1.7, 0.7]);
        using var file = new MemoryStream();
        model.Save(file);
        var loaded = Sequential.Load(new MemoryStream(file.ToArray()), "m").TrainedOn!;
        Assert.Equal("CSV iris.csv", loaded.Description);
        Assert.Equal(["setosa", "versicolor", "virginica"], loaded.ClassNames!);
        Assert.Equal([5.8, 3.0, 3.7, 1.2], loaded.FeatureMean!);
        Assert.Equal([0.8, 0.4, 1.7, 0.7], loaded.FeatureStandardDeviation!);
    }

    [Fact]
    public void A_version_1_model_file_still_loads()
    {
        var model = SmallModel();
        using var stream = new MemoryStream();
        model.Save(stream);
        byte[] file = stream.ToArray();
        BitConverter.TryWriteBytes(file.AsSpan(8, 4), 1u);
        SHA256.HashData(file.AsSpan(0, file.Length - 32), file.AsSpan(file.Length - 32));
        var loaded = Sequential.Load(new MemoryStream(file), "v1.inertia");
        Assert.Null(loaded.TrainedOn);
        var x = new Tensor(2, 4);
        x.Span.Fill(0.5f);
        Assert.True(model.Predict(x).Span.SequenceEqual(loaded.Predict(x).Span));
    }

    [Theory]
    [InlineData("a,b\n1,\n", "the label is empty")]
    [InlineData("a,b\n1,0\n2,1.5\n", "label '1.5' is a number but not a whole one")]
    [InlineData("a,b\n1,0\ninf,1\n", "'inf', which is not a finite float32 value")]
    [InlineData("a,b\n1,0\nInfinity,1\n", "'Infinity', which is not a finite float32 value")]
    [InlineData("a,b\n1,0\n-NAN,1\n", "'-NAN', which is not a finite float32 value")]
    public void Csv_content_problems_are_data_errors_in_one_wording(string content, string message)
    {
        var e = Assert.Throws<DataFormatException>(() => CsvReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)), "t.csv"));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Csv_lines_may_end_with_a_lone_carriage_return()
    {
        var data = CsvReader.Read(new MemoryStream("a,b\r1,0\r2,1\r3,0\r"u8.ToArray()), "cr.csv");
        Assert.Equal(3, data.Count);
    }

    [Fact]
    public void Csv_labels_map_through_given_class_names_and_an_unknown_one_is_refused()
    {
        var options = new CsvOptions { ClassNames = ["setosa", "versicolor", "virginica"] };
        var data = CsvReader.Read(new MemoryStream("x,y\n1,virginica\n2,setosa\n"u8.ToArray()), "t.csv", options);
        Assert.Equal([2f, 0f], data.Targets.Span.ToArray());
        Assert.Equal(3, data.ClassCount);
        var e = Assert.Throws<DataFormatException>(() => CsvReader.Read(new MemoryStream("x,y\n1,rose\n"u8.ToArray()), "t.csv", options));
        Assert.Contains("label 'rose' is not one of the 3 classes given", e.Message);
    }

    [Fact]
    public void A_gzip_crc_error_is_reported_as_one()
    {
        using var compressed = new MemoryStream();
        using (var gz = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            IdxWriter.WriteLabels(gz, new Tensor(100));
        byte[] bytes = compressed.ToArray();
        bytes[^8] ^= 0xFF; // the CRC-32 in the trailer
        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(new MemoryStream(bytes), "labels.gz"));
        Assert.Contains("CRC-32", e.Message);
        Assert.DoesNotContain("unsupported compression method", e.Message);
    }

    [Fact]
    public void A_raw_idx_file_and_a_gz_twin_of_other_content_are_refused()
    {
        using var files = new SpecialFiles();
        string raw = files.File("train-labels-idx1-ubyte");
        using (var f = File.Create(raw)) IdxWriter.WriteLabels(f, new Tensor(10));
        var other = new Tensor(10);
        other.Span[3] = 1;
        using (var f = File.Create(raw + ".gz"))
        using (var gz = new GZipStream(f, CompressionLevel.Fastest))
            IdxWriter.WriteLabels(gz, other);
        using (var f = File.Create(files.File("train-images-idx3-ubyte"))) IdxWriter.WriteImages(f, new Tensor(10, 2, 2));
        var e = Assert.Throws<DataFormatException>(() => IdxDirectory.Load(files.Folder));
        Assert.Contains("are both present but differ", e.Message);
        Assert.Equal(8 + 3, e.ByteOffset);
    }

    [Fact]
    public void A_model_of_many_layers_is_built_and_named_in_linear_time()
    {
        // Add used to scan every earlier layer (and FreeName every candidate name): quadratic or worse.
        var model = new Sequential(new Shape(2));
        for (int i = 0; i < 50_000; i++) model.Add(new ReLU());
        Assert.Equal("re_lu_49999", model.Layers[^1].Name);
        Assert.Equal(50_000, model.Layers.Select(l => l.Name).Distinct().Count());
    }
}
