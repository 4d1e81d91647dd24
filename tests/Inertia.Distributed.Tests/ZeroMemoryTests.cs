using System.Globalization;
using Inertia.Optimizers;

namespace Inertia.Distributed.Tests;

/// <summary>ZeRO-1's point: each rank allocates about 1/N of the optimizer state.</summary>
public sealed class ZeroMemoryTests
{
    /// <summary>
    /// Adam with EMA (three state arrays) over the book's 784-300-100-10 MLP on 3 ranks: the bytes
    /// each rank allocates to attach ZeRO-1 (its shard optimizer and everything else Attach
    /// allocates), measured with the GC's allocation counter, are at most the whole optimizer's
    /// (measured the same way in the same process) ÷ 3 plus one chunk of each state array.
    /// </summary>
    [Fact]
    public void Zero1_optimizer_memory_per_rank_is_at_most_a_third_plus_one_chunk_on_three_ranks()
    {
        using var dir = new TempDirectory();
        Mpiexec.Succeed(3, TimeSpan.FromMinutes(2), Mpiexec.RankHost, "memory", dir.Path);

        for (int rank = 0; rank < 3; rank++)
        {
            var f = File.ReadAllText(dir.File($"memory-{rank}.txt")).Split(' ').Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var (whole, shard, ranks, arrays) = (f[0], f[1], f[2], f[4]);
            Assert.Equal(3, ranks);
            long bound = whole / ranks + arrays * OptimizerLayout.ChunkFloats * sizeof(float);
            Assert.True(shard <= bound, $"rank {rank} allocated {shard:N0} bytes for its shard; the whole optimizer {whole:N0}, bound {bound:N0}.");
            Assert.True(whole >= arrays * f[3] * sizeof(float), $"the whole optimizer's {whole:N0} bytes cannot hold {arrays} arrays of {f[3]} floats: the measurement is wrong.");
        }
    }
}
