using System.Collections.Concurrent;
using Inertia.Cli.Options;
using Inertia.Layers;
using Inertia.Tensors;
using Inertia.Training;
using Xunit.Abstractions;

namespace Inertia.Cli.Tests;

/// <summary>
/// Issue 16's black-box attack, kept in the normal suite: a seeded corpus of hostile paths and
/// files (special files, lying headers, endless streams, files over a cap, crafted and corrupted
/// models) given to the CLI as a child process. Every case must end with one line on stderr and
/// the documented exit code, within <see cref="TimeLimit"/> and <see cref="MemoryLimit"/> of peak
/// resident memory, and leave the previous model and report exactly as they were. The limits are
/// generous bounds that a hang or an unbounded read breaks (main took ~4 GB and minutes), not
/// speed measurements.
/// </summary>
public class EdgeFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 16;
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(30);
    private const long MemoryLimit = 512L << 20;

    private sealed record Case(string Name, int ExitCode, string[] Args, Dictionary<string, string>? Environment = null);

    [Fact]
    public void Hostile_paths_and_files_end_in_one_line_and_the_documented_exit_code_within_bounded_memory_and_time()
    {
        using var dir = new TempDirectory();
        var random = new Random(Seed);
        string previousModel = dir.File("prev.inertia"), previousReport = dir.File("prev-report");
        var valid = new Sequential(new Shape(2));
        valid.Add(new Dense(3));
        valid.Build(1);
        valid.Save(previousModel);
        Directory.CreateDirectory(previousReport);
        File.WriteAllText(Path.Combine(previousReport, "results.json"), "{\"previous\": true}");
        File.WriteAllText(Path.Combine(previousReport, "index.html"), "<p>previous</p>");

        string fifo = EdgeData.Fifo(dir, "pipe");
        string Garbage(string name, int bytes)
        {
            var b = new byte[bytes];
            random.NextBytes(b);
            File.WriteAllBytes(dir.File(name), b);
            return dir.File(name);
        }
        string flipped = dir.File("flipped.inertia");
        byte[] model = File.ReadAllBytes(previousModel);
        for (int i = 0; i < 3; i++) model[random.Next(16, model.Length)] ^= (byte)(1 + random.Next(255));
        File.WriteAllBytes(flipped, model);
        string deep = dir.File("deep.inertia");
        var layers = new Sequential(new Shape(2));
        for (int i = 0; i < 100_000; i++) layers.Add(new ReLU());
        layers.Build(1);
        layers.Save(deep);
        string nan = dir.File("nan.inertia");
        var poisoned = new Sequential(new Shape(2));
        poisoned.Add(new Dense(3));
        poisoned.Build(1);
        poisoned.WeightTensors().First().Value.Span[random.Next(6)] = float.NaN;
        poisoned.Save(nan);
        string idxFifo = dir.File("idx-fifo");
        Directory.CreateDirectory(idxFifo);
        foreach (string name in new[] { "train-images-idx3-ubyte", "train-labels-idx1-ubyte" })
            EdgeData.Fifo(dir, Path.Combine("idx-fifo", name));
        string idxRaw = dir.File("idx-raw");
        Directory.CreateDirectory(idxRaw);
        File.WriteAllBytes(Path.Combine(idxRaw, "train-images-idx3-ubyte"), [0, 0, 8, 3, 0, 0, 0xEA, 0x60, 0, 0, 0, 28, 0, 0, 0, 28, .. new byte[1000]]);
        File.WriteAllBytes(Path.Combine(idxRaw, "train-labels-idx1-ubyte"), [0, 0, 8, 1, 0, 0, 0xEA, 0x60, .. new byte[1000]]);
        string idxGz = dir.File("idx-gz");
        Directory.CreateDirectory(idxGz);
        EdgeData.LyingGzipImages(Path.Combine(idxGz, "train-images-idx3-ubyte.gz"));
        File.WriteAllBytes(Path.Combine(idxGz, "train-labels-idx1-ubyte"), [0, 0, 8, 1, 0, 0x1E, 0x84, 0x80, .. new byte[1000]]);
        string smallCsv = dir.File("small.csv");
        File.WriteAllText(smallCsv, "a,b\n" + string.Concat(Enumerable.Range(0, 2000).Select(i => $"{i},{i % 2}\n")));
        string bigJson = dir.File("big.json");
        File.WriteAllText(bigJson, "{\"epochs\": 1, \"x\": \"" + new string('a', 2 << 20) + "\"}");
        string linkToModel = dir.File("link.inertia");
        File.CreateSymbolicLink(linkToModel, previousModel);
        string linkToReport = dir.File("link-report");
        Directory.CreateSymbolicLink(linkToReport, previousReport);

        string[] Train(params string[] rest) => ["train", "--output", previousModel, "--epochs", "1", .. rest];
        string[] Compare(params string[] rest) => ["compare", "--out", previousReport, "--epochs", "1", .. rest];
        Case[] corpus =
        [
            new("CSV /dev/zero", ExitCodes.Data, Train("--csv", "/dev/zero", "--label", "0")),
            new("CSV /dev/urandom", ExitCodes.Data, Train("--csv", "/dev/urandom", "--label", "0")),
            new("CSV FIFO", ExitCodes.Data, Train("--csv", fifo, "--label", "0")),
            new("CSV of random bytes", ExitCodes.Data, Train("--csv", Garbage("random.csv", 2 << 20), "--label", "0")),
            new("CSV over its cap", ExitCodes.Data, Train("--csv", smallCsv, "--label", "b"), new() { ["INERTIA_MAX_CSV_BYTES"] = "1000" }),
            new("config /dev/zero", ExitCodes.Data, Compare("--config", "/dev/zero")),
            new("config FIFO", ExitCodes.Data, Compare("--config", fifo)),
            new("config over its cap", ExitCodes.Data, Compare("--config", bigJson)),
            new("schedule /dev/zero", ExitCodes.Data, Train("--schedule", "/dev/zero")),
            new("model /dev/zero", ExitCodes.Data, ["evaluate", "--model", "/dev/zero"]),
            new("model FIFO", ExitCodes.Data, ["evaluate", "--model", fifo]),
            new("model of random bytes", ExitCodes.Data, ["evaluate", "--model", Garbage("random.inertia", 8 << 20)]),
            new("model with flipped bytes", ExitCodes.Data, ["evaluate", "--model", flipped]),
            new("model of 100,000 layers", ExitCodes.Data, ["evaluate", "--model", deep]),
            new("model with a NaN weight", ExitCodes.Data, ["evaluate", "--model", nan]),
            new("IDX FIFOs", ExitCodes.Data, Train("--data", idxFifo)),
            new("IDX raw header claiming 60,000 images", ExitCodes.Data, Train("--data", idxRaw)),
            new("IDX gzip claiming 2,000,000 images", ExitCodes.Data, Train("--data", idxGz)),
            new("output FIFO", ExitCodes.Usage, ["train", "--output", fifo]),
            new("output symbolic link", ExitCodes.Usage, ["train", "--output", linkToModel]),
            new("output directory", ExitCodes.Usage, ["train", "--output", previousReport]),
            new("report folder that is a file", ExitCodes.Usage, ["compare", "--out", previousModel]),
            new("report folder that is a symbolic link", ExitCodes.Usage, ["compare", "--out", linkToReport]),
            new("report folder that is a device", ExitCodes.Usage, ["compare", "--out", "/dev/null"]),
        ];
        var before = EdgeData.Snapshot(dir.Path);

        var failures = new ConcurrentBag<string>();
        var lines = new ConcurrentBag<string>();
        Parallel.ForEach(corpus, new ParallelOptions { MaxDegreeOfParallelism = 3 }, c =>
        {
            var r = CliProcess.Run(dir.Path, TimeLimit, c.Environment, c.Args);
            string[] errorLines = r.Error.TrimEnd('\n').Split('\n');
            lines.Add($"{c.Name}: exit {r.ExitCode}, {r.PeakRssBytes >> 20} MiB, {r.Elapsed.TotalSeconds:0.0} s: {r.Error.Trim()}");
            if (r.TimedOut) failures.Add($"{c.Name}: still running after {TimeLimit.TotalSeconds} s");
            else if (r.ExitCode != c.ExitCode) failures.Add($"{c.Name}: exit {r.ExitCode}, expected {c.ExitCode}: {r.Error}");
            if (errorLines.Length != 1 || !errorLines[0].StartsWith("inertia: error: ", StringComparison.Ordinal) || r.Error.Contains("Exception", StringComparison.Ordinal))
                failures.Add($"{c.Name}: stderr is not one line in the project's words: {r.Error}");
            if (r.PeakRssBytes > MemoryLimit) failures.Add($"{c.Name}: peak resident memory {r.PeakRssBytes >> 20} MiB, over {MemoryLimit >> 20} MiB");
        });
        foreach (string line in lines.Order()) output.WriteLine(line);
        Assert.Empty(failures);
        EdgeData.AssertUnchanged(before, dir.Path);
        Assert.Equal(FileAttributes.ReparsePoint, File.GetAttributes(linkToModel) & FileAttributes.ReparsePoint);
        Assert.Equal(FileAttributes.ReparsePoint, File.GetAttributes(linkToReport) & FileAttributes.ReparsePoint);
    }
}
