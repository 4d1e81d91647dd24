using Inertia.Optimizers;

namespace Inertia.Distributed;

/// <summary>
/// Combines a sharded optimizer's per-parameter partials (norms, non-finite markers, rejected
/// counts) with one all-reduce each, so every rank's shard takes the decisions one optimizer on
/// the whole arena takes. MPICH's all-reduce gives every rank the same bits, and for a fixed
/// number of ranks the same bits run after run.
/// </summary>
internal sealed class WorldCombiner(World world) : IShardCombiner
{
    public void SumAcrossShards(Span<double> values) => world.AllreduceSum(values);

    public void SumAcrossShards(Span<long> values) => world.AllreduceSum(values);
}
