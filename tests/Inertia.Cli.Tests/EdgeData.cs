using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Inertia.Data;
using Inertia.IO;
using Inertia.Tensors;

namespace Inertia.Cli.Tests;

/// <summary>Small files and hostile paths for the edge tests, written into a <see cref="TempDirectory"/>.</summary>
internal static class EdgeData
{
    /// <summary>An iris-like CSV: 4 features, a text label of 3 classes, rows in a fixed order.</summary>
    public static string[] IrisRows()
    {
        string[] names = ["setosa", "versicolor", "virginica"];
        var rows = new List<string>();
        for (int i = 0; i < 150; i++)
        {
            int c = (i * 7) % 3;
            double a = 5 + c + Math.Sin(i * 1.3), b = 3 - 0.5 * c + Math.Cos(i * 0.7), d = 1 + 2 * c + Math.Sin(i * 2.1) * 0.5, e = 0.2 + c;
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"{a:0.00},{b:0.00},{d:0.00},{e:0.00},{names[c]}"));
        }
        return rows.ToArray();
    }

    public static string Csv(TempDirectory dir, string name, IEnumerable<string> rows)
    {
        string path = dir.File(name);
        File.WriteAllLines(path, ["a,b,c,d,species", .. rows]);
        return path;
    }

    public static string Fifo(TempDirectory dir, string name)
    {
        string path = dir.File(name);
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("mkfifo did not start (apt-get install coreutils)");
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    /// <summary>An IDX folder with a train and a t10k pair of the given image sizes.</summary>
    public static string IdxFolder(TempDirectory dir, string name, int trainSide, int testSide)
    {
        string folder = dir.File(name);
        Directory.CreateDirectory(folder);
        Write(folder, "train", 60, trainSide);
        Write(folder, "t10k", 20, testSide);
        return folder;

        static void Write(string folder, string prefix, int count, int side)
        {
            var images = new Tensor(count, side, side);
            var labels = new Tensor(count);
            for (int i = 0; i < count; i++) labels.Span[i] = i % 3;
            using (var f = File.Create(Path.Combine(folder, $"{prefix}-images-idx3-ubyte"))) IdxWriter.WriteImages(f, images);
            using (var f = File.Create(Path.Combine(folder, $"{prefix}-labels-idx1-ubyte"))) IdxWriter.WriteLabels(f, labels);
        }
    }

    /// <summary>A gzip images file whose header claims 2,000,000 images of 28×28 but holds 4 MB of pixels (a few KB compressed).</summary>
    public static void LyingGzipImages(string path)
    {
        using var file = File.Create(path);
        using var gz = new GZipStream(file, CompressionLevel.SmallestSize);
        gz.Write([0, 0, 8, 3, 0, 0x1E, 0x84, 0x80, 0, 0, 0, 28, 0, 0, 0, 28]);
        gz.Write(new byte[4 << 20]);
    }

    /// <summary>Every entry under <paramref name="folder"/> with its bytes, to show later that nothing changed;
    /// FIFOs and links are listed by kind, not read (reading a FIFO would block).</summary>
    public static Dictionary<string, byte[]> Snapshot(string folder) =>
        Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).ToDictionary(f => f, f =>
            FileKinds.Of(f, followLinks: false) is var kind && kind == FileKind.Regular ? File.ReadAllBytes(f) : System.Text.Encoding.UTF8.GetBytes(kind.ToString()));

    public static void AssertUnchanged(Dictionary<string, byte[]> before, string folder)
    {
        var after = Snapshot(folder);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (file, bytes) in before) Assert.True(bytes.AsSpan().SequenceEqual(after[file]), $"{file} changed");
    }
}
