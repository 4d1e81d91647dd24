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
return args switch
{
    ["fit", var dir, var epochs] => Fit(world, dir, int.Parse(epochs, CultureInfo.InvariantCulture)),
    _ => Usage(),
};

// Trains the scenario with every optimizer; writes each one's final weights (raw float32) and
// per-epoch logs, and checks that every rank ended with the same bits.
static int Fit(World world, string dir, int epochs)
{
    var (x, y) = Scenario.Data();
    foreach (string name in OptimizerFactory.Names)
    {
        var model = Scenario.Model(name);
        using var strategy = DataParallel.Attach(model, world);
        var history = model.Fit(x, y, epochs, Scenario.BatchSize, verbose: 0, seed: Scenario.Seed);
        var weights = model.Arena.Values.Span;
        var hashes = world.AllgatherBytes(SHA256.HashData(MemoryMarshal.AsBytes(weights)));
        if (hashes.Any(h => !h.AsSpan().SequenceEqual(hashes[0])))
            throw new InvalidOperationException($"{name}: the ranks' weights differ after training.");
        if (!world.IsRoot) continue;
        File.WriteAllBytes(Path.Combine(dir, name + ".weights"), MemoryMarshal.AsBytes(weights).ToArray());
        File.WriteAllLines(Path.Combine(dir, name + ".logs"), history.Epochs.Select((_, e) =>
            string.Join(' ', history.Keys.OrderBy(k => k, StringComparer.Ordinal).Select(k => $"{k}={history[k][e].ToString("R", CultureInfo.InvariantCulture)}"))));
    }
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: Inertia.RankHost fit <dir> <epochs>");
    return 2;
}
