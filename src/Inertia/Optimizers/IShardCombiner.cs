namespace Inertia.Optimizers;

/// <summary>
/// Combines what each shard of an arena measured on its own range, so that every shard's
/// <see cref="Optimizer.Apply()"/> takes the same global decisions (an all-reduce across processes).
/// Every array is indexed by the arena's parameter index and has the same length on every shard;
/// a shard writes zeros for the parameters (or parts of them) it does not own. Each call must
/// leave in <c>values</c>, on every shard, the element-wise sum over all shards, added in shard
/// order, so that results do not depend on which process finishes first. The calls come in the
/// same sequence on every shard, one per pass that decides something; none allocates.
/// </summary>
public interface IShardCombiner
{
    /// <summary>
    /// Sums per-parameter gradient partials: the sum of squares when the step clips by norm,
    /// otherwise a marker that is 0 when every gradient is finite and NaN when one is not (NaN
    /// survives summation, so a non-finite gradient anywhere makes every shard skip).
    /// </summary>
    void SumAcrossShards(Span<double> values);

    /// <summary>Sums per-parameter counts of elements the update rejected (their new weight or state was not finite).</summary>
    void SumAcrossShards(Span<long> values);
}
