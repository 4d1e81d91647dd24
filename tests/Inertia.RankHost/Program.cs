using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Inertia.Distributed;
using Inertia.Optimizers;
using Inertia.RankHost;
using Inertia.Training;

// The process each rank of the distributed tests runs (tests/Inertia.Distributed.Tests), under
// mpiexec.mpich or alone as the one-process reference. Rank 0 writes the results.
using var world = World.Join();
try
{
    return Run(world, args);
}
catch (Exception e)
{
    // As the CLI does: one line, then MPI_Abort ends the ranks waiting in a collective.
    Console.Error.WriteLine($"rank {world.Rank} of {world.Size}: {e.GetType().Name}: {e.Message}");
    world.Abort(1);
    return 1;
}

static int Run(World world, string[] args) => args switch
{
    ["fit", var dir, var epochs] => Fit(world, dir, Int(epochs), zero: false, Scenario.Model),
    ["fit-zero", var dir, var epochs] => Fit(world, dir, Int(epochs), zero: true, Scenario.Model),
    ["fit-pipeline", var dir, var epochs, var zero] => Fit(world, dir, Int(epochs), zero == "zero", Scenario.PipelineModel),
    ["memory", var dir] => Memory(world, dir),
    ["buckets", var floats, var repeats] => Buckets(world, Int(floats), Int(repeats)),
    ["checkpoint", var output, var epochs, var zero] => Checkpoint(world, null, output, Int(epochs), zero == "zero"),
    ["resume", var input, var output, var epochs, var zero] => Checkpoint(world, input, output, Int(epochs), zero == "zero"),
    ["train-forever", var dir] => TrainForever(world, dir),
    ["throw", var dir] => Throw(world, dir),
    ["cancel", var dir] => Cancel(world, dir),
    _ => Usage(),
};

static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

// Trains the scenario with every optimizer; writes each one's final weights (raw float32) and
// per-epoch logs, and checks that every rank ended with the same bits.
static int Fit(World world, string dir, int epochs, bool zero, Func<string, Sequential> build)
{
    var (x, y) = Scenario.Data();
    foreach (string name in OptimizerFactory.Names)
    {
        var model = build(name);
        using var strategy = DataParallel.Attach(model, world, shardOptimizerState: zero);
        var history = model.Fit(x, y, epochs, Scenario.BatchSize, verbose: 0, seed: Scenario.Seed);
        CheckRanksAgree(world, model, name);
        if (!world.IsRoot) continue;
        File.WriteAllBytes(Path.Combine(dir, name + ".weights"), MemoryMarshal.AsBytes(model.Arena.Values.Span).ToArray());
        File.WriteAllLines(Path.Combine(dir, name + ".logs"), history.Epochs.Select((_, e) =>
            string.Join(' ', history.Keys.OrderBy(k => k, StringComparer.Ordinal).Select(k => $"{k}={history[k][e].ToString("R", CultureInfo.InvariantCulture)}"))));
    }
    return 0;
}

// Measures the bytes allocated to build Adam with EMA (three state arrays) over the book's MLP
// (784-300-100-10): the whole optimizer, and this rank's ZeRO-1 shard (everything Attach
// allocates). Each rank writes its figures.
static int Memory(World world, string dir)
{
    var settings = new Dictionary<string, string> { ["useEma"] = "true" };
    var model = Scenario.BookMlp();
    long before = GC.GetAllocatedBytesForCurrentThread();
    var whole = OptimizerFactory.Create("adam", settings);
    whole.Build(model.Arena);
    long wholeBytes = GC.GetAllocatedBytesForCurrentThread() - before;
    model.Compile(OptimizerFactory.Create("adam", settings), "sparse_categorical_crossentropy");
    before = GC.GetAllocatedBytesForCurrentThread();
    using var strategy = DataParallel.Attach(model, world, shardOptimizerState: true);
    long shardBytes = GC.GetAllocatedBytesForCurrentThread() - before;
    File.WriteAllText(Path.Combine(dir, $"memory-{world.Rank}.txt"),
        string.Join(' ', wholeBytes, shardBytes, world.Size, model.Arena.Length, whole.Slots.Count + 1));
    return 0;
}

// Trains Adam from a checkpoint (or from scratch) up to the given epoch, replicated or ZeRO-1,
// and saves it with the weights beside it as raw float32.
static int Checkpoint(World world, string? input, string output, int epochs, bool zero)
{
    var (x, y) = Scenario.Data();
    var model = input is null ? Scenario.Model("adam") : Sequential.Load(input);
    using var strategy = DataParallel.Attach(model, world, shardOptimizerState: zero);
    model.Fit(x, y, epochs, Scenario.BatchSize, verbose: 0, seed: Scenario.Seed, initialEpoch: model.CompletedEpochs);
    CheckRanksAgree(world, model, "adam");
    strategy.Save(output);
    if (world.IsRoot) File.WriteAllBytes(output + ".weights", MemoryMarshal.AsBytes(model.Arena.Values.Span).ToArray());
    return 0;
}

// Times the gradient exchange of an arena of the given size as one all-reduce and as 4 and 16
// buckets (each a blocking all-reduce, as they would run without overlap), median of repeats.
// A measurement for docs/distributed.md, not a test.
static int Buckets(World world, int floats, int repeats)
{
    var buffer = new float[floats];
    foreach (int buckets in new[] { 1, 4, 16 })
    {
        var times = new double[repeats];
        for (int k = 0; k < repeats; k++)
        {
            world.Barrier();
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            int size = (floats + buckets - 1) / buckets;
            for (int b = 0; b < floats; b += size)
                world.AllreduceSum(buffer.AsSpan(b, Math.Min(size, floats - b)));
            times[k] = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        if (world.IsRoot)
            Console.WriteLine(FormattableString.Invariant($"{world.Size} ranks, {floats} floats in {buckets} bucket(s): median {times[repeats / 2]:0.000} ms"));
    }
    return 0;
}

// Trains until killed; each rank writes its process id once it is inside the training loop.
static int TrainForever(World world, string dir)
{
    var (x, y) = Scenario.Data();
    var model = Scenario.Model("adam");
    using var strategy = DataParallel.Attach(model, world);
    model.Fit(x, y, 1, Scenario.BatchSize, verbose: 0);
    File.WriteAllText(Path.Combine(dir, $"rank-{world.Rank}.pid"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
    for (int epoch = 2; ; epoch++)
        model.Fit(x, y, epoch, Scenario.BatchSize, verbose: 0, initialEpoch: epoch - 1);
}

// Rank 1 throws at the fourth batch of its third epoch; rank 0 is then waiting in an all-reduce.
static int Throw(World world, string dir)
{
    var (x, y) = Scenario.Data();
    var model = Scenario.Model("adam");
    using var strategy = DataParallel.Attach(model, world);
    var failing = new FailAt(world.Rank == 1 ? 2 : -1, 3);
    model.Fit(x, y, 1000, Scenario.BatchSize, verbose: 0, callbacks: [failing]);
    File.WriteAllText(Path.Combine(dir, $"rank-{world.Rank}.finished"), "");
    return 0;
}

// Rank 1 alone asks to stop (as Ctrl-C would) after its 5th step; every rank must stop before
// the same batch. Each rank writes the optimizer steps it took.
static int Cancel(World world, string dir)
{
    var (x, y) = Scenario.Data();
    var model = Scenario.Model("adam");
    using var request = new CancellationTokenSource();
    using var strategy = DataParallel.Attach(model, world, stopRequested: request.Token);
    var trigger = new CancelAt(world.Rank == 1 ? 4 : -1, request);
    try
    {
        model.Fit(x, y, 100, Scenario.BatchSize, verbose: 0, callbacks: [trigger], cancellationToken: strategy.Cancellation);
    }
    catch (OperationCanceledException)
    {
        CheckRanksAgree(world, model, "adam");
        File.WriteAllText(Path.Combine(dir, $"rank-{world.Rank}.steps"), model.Optimizer.Iterations.ToString(CultureInfo.InvariantCulture));
    }
    return 0;
}

static void CheckRanksAgree(World world, Sequential model, string name)
{
    var hashes = world.AllgatherBytes(SHA256.HashData(MemoryMarshal.AsBytes(model.Arena.Values.Span)));
    if (hashes.Any(h => !h.AsSpan().SequenceEqual(hashes[0])))
        throw new InvalidOperationException($"{name}: the ranks' weights differ after training.");
}

static int Usage()
{
    Console.Error.WriteLine("usage: Inertia.RankHost fit <dir> <epochs> | checkpoint <out> <epochs> zero|replicated | resume <in> <out> <epochs> zero|replicated | fit-zero <dir> <epochs> | fit-pipeline <dir> <epochs> zero|replicated | memory <dir> | buckets <floats> <repeats> | train-forever <dir> | throw <dir> | cancel <dir>");
    return 2;
}
