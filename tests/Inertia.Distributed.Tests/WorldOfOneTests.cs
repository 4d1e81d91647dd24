using System.Runtime.InteropServices;
using Inertia.RankHost;

namespace Inertia.Distributed.Tests;

/// <summary>A process started without a launcher: no MPI is loaded, and the strategy changes nothing.</summary>
public sealed class WorldOfOneTests
{
    [Fact]
    public void Without_a_launcher_the_world_is_one_rank_and_data_parallel_fit_is_plain_fit_bit_for_bit()
    {
        var world = World.Join();
        Assert.Equal((0, 1), (world.Rank, world.Size));
        var (x, y) = Scenario.Data();

        var plain = Scenario.Model("adam");
        plain.Fit(x, y, 2, Scenario.BatchSize, verbose: 0, seed: Scenario.Seed);
        var strategic = Scenario.Model("adam");
        using (DataParallel.Attach(strategic, world, shardOptimizerState: true))
            strategic.Fit(x, y, 2, Scenario.BatchSize, verbose: 0, seed: Scenario.Seed);

        Assert.Equal(MemoryMarshal.AsBytes(plain.Arena.Values.Span).ToArray(), MemoryMarshal.AsBytes(strategic.Arena.Values.Span).ToArray());
    }
}
