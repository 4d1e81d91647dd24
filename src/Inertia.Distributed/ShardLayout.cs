using Inertia.Tensors;

namespace Inertia.Distributed;

/// <summary>
/// Where ZeRO-1 cuts an arena of L elements into one range per rank: consecutive ranges of whole
/// 16-float vectors (as the optimizer's shards need), ⌊V/N⌋ or ⌊V/N⌋ + 1 vectors of the arena's V
/// each, so every rank holds at most L/N + 16 elements of each state array. A cut may fall inside a
/// parameter; the optimizer applies that parameter's coefficients to each part.
/// </summary>
internal sealed class ShardLayout
{
    public ShardLayout(ParameterArena arena, int ranks)
    {
        int vectors = arena.Length / AlignedBuffer.AlignmentFloats;
        if (vectors < ranks)
            throw new ArgumentException($"The model's {arena.Length} arena elements are fewer than {ranks} ranks × {AlignedBuffer.AlignmentFloats}: too small to shard its optimizer state.", nameof(arena));
        Starts = new int[ranks + 1];
        Counts = new int[ranks];
        // The first (vectors mod N) ranks take one vector more: no block is longer than the
        // blocks before it, so the in-place reduce-scatter's move of a block to the front of the
        // buffer never overlaps itself (MPICH refuses an overlapping copy).
        for (int r = 0; r < ranks; r++)
        {
            Counts[r] = (vectors / ranks + (r < vectors % ranks ? 1 : 0)) * AlignedBuffer.AlignmentFloats;
            Starts[r + 1] = Starts[r] + Counts[r];
        }
        Offsets = Starts[..ranks];
    }

    /// <summary>Rank r owns elements [Starts[r], Starts[r + 1]).</summary>
    public int[] Starts { get; }

    /// <summary>Elements per rank (for reduce-scatter and all-gather).</summary>
    public int[] Counts { get; }

    /// <summary>First element per rank.</summary>
    public int[] Offsets { get; }
}
