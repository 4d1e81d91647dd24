using Inertia.Tensors;

namespace Inertia.Distributed;

/// <summary>
/// Where ZeRO-1 cuts an arena of L elements into one range per rank: rank r owns
/// [16·⌊L·r/(16N)⌋, 16·⌊L·(r+1)/(16N)⌋), whole 16-float vectors as the optimizer's shards need,
/// so every rank holds at most L/N + 16 elements of each state array. A cut may fall inside a
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
        for (int r = 0; r <= ranks; r++)
            Starts[r] = (int)((long)vectors * r / ranks) * AlignedBuffer.AlignmentFloats;
        for (int r = 0; r < ranks; r++) Counts[r] = Starts[r + 1] - Starts[r];
        Offsets = Starts[..ranks];
    }

    /// <summary>Rank r owns elements [Starts[r], Starts[r + 1]).</summary>
    public int[] Starts { get; }

    /// <summary>Elements per rank (for reduce-scatter and all-gather).</summary>
    public int[] Counts { get; }

    /// <summary>First element per rank.</summary>
    public int[] Offsets { get; }
}
