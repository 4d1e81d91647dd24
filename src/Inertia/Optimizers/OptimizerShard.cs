using Inertia.Tensors;

namespace Inertia.Optimizers;

/// <summary>
/// A contiguous range [<see cref="Start"/>, <see cref="End"/>) of an arena's elements that one
/// process owns the optimizer state of (ZeRO-1), and how its partial results meet the other
/// shards' (<see cref="Combiner"/>). Pass it to <see cref="Optimizer.Build(ParameterArena, OptimizerShard)"/>.
/// </summary>
public sealed class OptimizerShard
{
    /// <summary>Describes the shard.</summary>
    /// <param name="start">First element, a multiple of <see cref="AlignedBuffer.AlignmentFloats"/> (16) so that every chunk is whole vectors.</param>
    /// <param name="end">One past the last element, a multiple of 16 greater than <paramref name="start"/> (the arena's <see cref="ParameterArena.Length"/> for the last shard).</param>
    /// <param name="combiner">Sums the partial results across every shard of the arena.</param>
    /// <exception cref="ArgumentOutOfRangeException">A bound is negative, not a multiple of 16, or the range is empty.</exception>
    public OptimizerShard(int start, int end, IShardCombiner combiner)
    {
        ArgumentNullException.ThrowIfNull(combiner);
        if (start < 0 || start % AlignedBuffer.AlignmentFloats != 0)
            throw new ArgumentOutOfRangeException(nameof(start), start, $"A shard starts at a non-negative multiple of {AlignedBuffer.AlignmentFloats} elements.");
        if (end <= start || end % AlignedBuffer.AlignmentFloats != 0)
            throw new ArgumentOutOfRangeException(nameof(end), end, $"A shard ends at a multiple of {AlignedBuffer.AlignmentFloats} elements after its start {start}.");
        Start = start;
        End = end;
        Combiner = combiner;
    }

    /// <summary>First element of the arena this shard owns.</summary>
    public int Start { get; }

    /// <summary>One past the last element this shard owns.</summary>
    public int End { get; }

    /// <summary>Sums the shards' partial results before the pipeline decides anything.</summary>
    public IShardCombiner Combiner { get; }
}
