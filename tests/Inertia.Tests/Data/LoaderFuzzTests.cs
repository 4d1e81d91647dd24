using System.Diagnostics;
using System.Text;
using Inertia.Data;
using Xunit.Abstractions;

namespace Inertia.Tests.Data;

/// <summary>
/// Loader fuzzing (issue 6): every mutated or truncated variant of a valid file either loads or
/// throws <see cref="DataFormatException"/>; nothing else escapes, nothing allocates beyond a
/// bound derived from the input size, nothing hangs. The normal suite runs 500 variants per
/// reader; set INERTIA_FUZZ_ITERATIONS (e.g. 10000) for the long run:
/// <c>INERTIA_FUZZ_ITERATIONS=10000 dotnet test -c Release --filter Category=fuzz</c>.
/// </summary>
[Trait("Category", "fuzz")]
public class LoaderFuzzTests(ITestOutputHelper output)
{
    private const int DefaultIterations = 500;
    private const long FixedAllocationSlack = 512 * 1024;
    private static readonly TimeSpan PerVariantLimit = TimeSpan.FromSeconds(5);

    private static int Iterations =>
        int.TryParse(Environment.GetEnvironmentVariable("INERTIA_FUZZ_ITERATIONS"), out int n) && n > 0 ? n : DefaultIterations;

    [Fact]
    public void Idx_reader_loads_or_throws_DataFormatException_for_every_mutated_file()
    {
        Dataset mnist = IdxReader.Load(SharedData.MnistImages, SharedData.MnistLabels).Take(40);
        var imagesStream = new MemoryStream();
        IdxWriter.WriteImages(imagesStream, mnist.Features);
        byte[] images = imagesStream.ToArray();
        byte[] labels = IdxReaderTests.LabelsFile(mnist.Targets.ToArray().Select(v => (byte)v).ToArray());
        byte[][] corpus = [images, labels, IdxReaderTests.Gzip(images), IdxReaderTests.Gzip(labels)];

        var outcome = Fuzz(seed: 0x1D8, (r, i) =>
        {
            int which = i % corpus.Length;
            bool isImages = which % 2 == 0;
            byte[] variant = which >= 2 && r.NextInt(4) == 0
                ? IdxReaderTests.Gzip(FileMutator.Mutate(isImages ? images : labels, r, text: false))
                : FileMutator.Mutate(corpus[which], r, text: false);
            // Memory may follow the decompressed size, which a gzip variant does not show; its original's does.
            long inputBound = Math.Max(variant.Length, isImages ? images.Length : labels.Length) + images.Length + labels.Length;
            return (8 * inputBound, () =>
            {
                Dataset d = isImages
                    ? IdxReader.Load(new MemoryStream(variant), "images", new MemoryStream(labels), "labels")
                    : IdxReader.Load(new MemoryStream(images), "images", new MemoryStream(variant), "labels");
                Assert.Equal(40, d.Count);
            });
        });
        output.WriteLine($"IDX: {outcome}");
        Assert.True(outcome.Loaded > 0 && outcome.Rejected > outcome.Loaded / 10, outcome.ToString());
    }

    [Fact]
    public void Csv_reader_loads_or_throws_DataFormatException_for_every_mutated_file()
    {
        byte[] iris = File.ReadAllBytes(SharedData.Iris);
        var named = new StringBuilder("sepal length,\"species\",petal width\n");
        string[] species = ["setosa", "versicolor", "\"virginica, \"\"v\"\"\""];
        var r0 = new SeededRandom(3);
        for (int i = 0; i < 60; i++)
            named.Append($"{r0.NextFloat(4, 8):F2},{species[i % 3]},{r0.NextFloat(0, 3):F3}\n");
        byte[] withNames = Encoding.UTF8.GetBytes(named.ToString());
        byte[] headerless = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 50).Select(i => $"{i * 0.5},{-i}e-2,{i % 4}\r\n")));
        (byte[] File, CsvOptions Options)[] corpus =
        [
            (iris, new CsvOptions()),
            (withNames, new CsvOptions { Label = "species" }),
            (headerless, new CsvOptions { Label = "-1" }),
            (headerless, new CsvOptions { Regression = true, Header = CsvHeader.Absent }),
        ];

        var outcome = Fuzz(seed: 0xC5F, (r, i) =>
        {
            var (file, options) = corpus[i % corpus.Length];
            byte[] variant = FileMutator.Mutate(file, r, text: true);
            return (64L * Math.Max(variant.Length, 1), () =>
            {
                Dataset d = CsvReader.Read(new MemoryStream(variant), "fuzz.csv", options);
                Assert.True(d.Count > 0 && d.FeatureSize > 0);
            });
        });
        output.WriteLine($"CSV: {outcome}");
        Assert.True(outcome.Loaded > 0 && outcome.Rejected > outcome.Loaded / 10, outcome.ToString());
    }

    /// <summary>Variants loaded and rejected, and the allocation closest to its bound.</summary>
    private readonly record struct Outcome(int Loaded, int Rejected, long WorstAllocation, long WorstAllowed);

    /// <summary>
    /// Runs the variants on one dedicated thread so that a hang fails the test instead of
    /// stalling the suite, and so that the thread's allocation counter sees only the reader.
    /// </summary>
    private static Outcome Fuzz(ulong seed, Func<SeededRandom, int, (long AllocationBound, Action Load)> variant)
    {
        int iterations = Iterations;
        Outcome result = default;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { result = Run(seed, iterations, variant); }
            catch (Exception e) { failure = e; }
        });
        thread.Start();
        TimeSpan limit = TimeSpan.FromSeconds(60) + iterations * TimeSpan.FromMilliseconds(100);
        Assert.True(thread.Join(limit), $"The fuzz run of {iterations} variants did not finish within {limit} (a reader hangs).");
        if (failure is not null) throw failure;
        return result;
    }

    private static Outcome Run(ulong seed, int iterations, Func<SeededRandom, int, (long AllocationBound, Action Load)> variant)
    {
        var random = new SeededRandom(seed);
        int loaded = 0, rejected = 0;
        double worstShare = 0;
        long worst = 0, worstAllowed = 0;
        for (int i = 0; i < iterations; i++)
        {
            random.Reseed(SeededRandom.DeriveSeed(seed, (ulong)i));
            var (bound, load) = variant(random, i);
            long allowed = bound + FixedAllocationSlack;
            var clock = Stopwatch.StartNew();
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                load();
                loaded++;
            }
            catch (DataFormatException)
            {
                rejected++;
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"Variant {i} (seed {seed}) threw {e.GetType().Name}, not DataFormatException: {e}");
            }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated <= allowed, $"Variant {i} (seed {seed}) allocated {allocated} bytes; its bound is {allowed}.");
            Assert.True(clock.Elapsed < PerVariantLimit, $"Variant {i} (seed {seed}) took {clock.Elapsed}.");
            if ((double)allocated / allowed > worstShare) (worstShare, worst, worstAllowed) = ((double)allocated / allowed, allocated, allowed);
        }
        return new Outcome(loaded, rejected, worst, worstAllowed);
    }
}
