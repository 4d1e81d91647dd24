using Inertia.Tensors;

namespace Inertia.Optimizers;

/// <summary>
/// What the pipeline tells its executor about a step: the range of the arena it owns, the chunks
/// of that range, which are active, and each parameter's group, weight-decay flag, clip-norm
/// factor and each group's coefficients. The pipeline rewrites the per-step values before each
/// update; an executor only reads them.
/// </summary>
/// <remarks>
/// Chunks are <see cref="ChunkFloats"/>-element pieces of one parameter's padded range, on a grid
/// that starts at the parameter's first element, clipped to the range: so per-parameter and
/// per-group coefficients apply chunk by chunk, a parameter that straddles a shard boundary keeps
/// the same chunks as in the whole arena except the one the boundary cuts, and every chunk is a
/// multiple of 16 floats (whole vectors, no scalar tail).
/// </remarks>
internal sealed class OptimizerLayout
{
    /// <summary>
    /// Floats per CPU chunk: 256 KiB per array. A pass touches each element once, so what a chunk
    /// costs is its fixed part (the claim, the dispatch, the step's splats) and the restart of the
    /// hardware prefetcher at its start; 65536 floats measured faster than 16384 (which kept a
    /// chunk's arrays in L2, of no use to a single streaming pass) and as fast as 131072, while
    /// leaving a few dozen chunks at 1M parameters to balance two threads (docs/benchmarks.md).
    /// </summary>
    public const int ChunkFloats = 65536;

    public OptimizerLayout(ParameterArena arena, int start, int end)
    {
        Arena = arena;
        Start = start;
        End = end;
        var chunks = new List<Chunk>();
        var parameters = arena.Parameters;
        for (int p = 0; p < parameters.Count; p++)
        {
            int first = parameters[p].ArenaOffset;
            int padded = (parameters[p].Size + AlignedBuffer.AlignmentFloats - 1) / AlignedBuffer.AlignmentFloats * AlignedBuffer.AlignmentFloats;
            int low = Math.Max(first, start), high = Math.Min(first + padded, end);
            for (int offset = low; offset < high;)
            {
                int next = Math.Min(first + ((offset - first) / ChunkFloats + 1) * ChunkFloats, high);
                chunks.Add(new Chunk(offset, next - offset, p));
                offset = next;
            }
        }
        Chunks = chunks.ToArray();
        Active = new int[Chunks.Length];
        ParameterGroup = new int[parameters.Count];
        ParameterActive = new bool[parameters.Count];
        ParameterDecays = new bool[parameters.Count];
        ParameterScale = new float[parameters.Count];
    }

    public ParameterArena Arena { get; }

    /// <summary>First arena element this optimizer owns (0 unless it is a shard).</summary>
    public int Start { get; }

    /// <summary>One past the last arena element this optimizer owns.</summary>
    public int End { get; }

    /// <summary>Elements in the range: the length of every slot.</summary>
    public int Length => End - Start;

    public Chunk[] Chunks { get; }

    /// <summary>Indices into <see cref="Chunks"/> of the chunks of active parameters; the first <see cref="ActiveCount"/> are valid.</summary>
    public int[] Active { get; }

    public int ActiveCount { get; set; }

    public int[] ParameterGroup { get; }

    public bool[] ParameterActive { get; }

    public bool[] ParameterDecays { get; }

    /// <summary>Each parameter's gradient factor this step: the clip-norm factor, negated under <c>maximize</c>.</summary>
    public float[] ParameterScale { get; }

    /// <summary>Each group's learning rate this step (index 0: the default group).</summary>
    public double[] GroupRates { get; set; } = [1.0];

    /// <summary>Each group's decoupled decay factor λ·η this step (0 under L2).</summary>
    public float[] GroupDecay { get; set; } = [0f];

    /// <summary>Each group's PyTorch L2 factor λ (0 when decay is decoupled).</summary>
    public float[] GroupL2 { get; set; } = [0f];

    /// <summary>Incremented whenever groups, activity or weight-decay flags change, so an executor that caches them knows to refresh.</summary>
    public int Version { get; set; }

    /// <summary>The clip value, +∞ when none.</summary>
    public float ClipValue { get; set; } = float.PositiveInfinity;

    /// <summary>The gradient transform of parameter <paramref name="p"/> this step.</summary>
    public GradientTransform Transform(int p)
    {
        int group = ParameterGroup[p];
        bool decays = ParameterDecays[p];
        return new GradientTransform(ParameterScale[p], ClipValue, decays ? GroupL2[group] : 0f, decays ? GroupDecay[group] : 0f);
    }
}

/// <summary>Elements [<see cref="Start"/>, Start + <see cref="Length"/>) of the arena, all in parameter <see cref="Parameter"/>.</summary>
internal readonly record struct Chunk(int Start, int Length, int Parameter);
