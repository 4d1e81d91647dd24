using Inertia.Tensors;

namespace Inertia.Optimizers;

/// <summary>Building: slots for the arena (or for one shard of it) and the plan of chunks the passes run over.</summary>
public abstract partial class Optimizer
{
    private AlignedBuffer[] _slots = [];
    private AlignedBuffer? _average;
    private AlignedBuffer? _accumulator;

    /// <summary>
    /// Allocates the slots for <paramref name="arena"/>'s layout and plans the chunks. Calling it
    /// again with the same arena does nothing; a different arena is refused.
    /// </summary>
    /// <exception cref="InvalidOperationException">The optimizer was already built for another arena.</exception>
    /// <exception cref="ArgumentException">The schedule cycles momentum and this algorithm has none.</exception>
    public void Build(ParameterArena arena)
    {
        ArgumentNullException.ThrowIfNull(arena);
        if (ReferenceEquals(arena, _arena) && _shard is null) return;
        BuildRange(arena, null);
    }

    /// <summary>
    /// Builds this optimizer for one shard of <paramref name="arena"/> (ZeRO-1): slots, EMA average
    /// and accumulator hold only elements [<see cref="OptimizerShard.Start"/>, <see cref="OptimizerShard.End"/>),
    /// and every pass touches only that range, while the decisions of <see cref="Apply()"/> (skip,
    /// clip factors, overflow report) stay global through <see cref="OptimizerShard.Combiner"/>.
    /// A parameter may straddle the boundary: its coefficients are per parameter and per group, so
    /// each shard applies them to its part. One shard per process, each on the whole arena's
    /// gradients, together take exactly the steps one optimizer on the whole arena takes; a clip
    /// norm is bitwise the whole optimizer's when no parameter straddles a boundary (a straddling
    /// parameter's squares are added as two partial sums, which may differ in the last bit).
    /// </summary>
    /// <exception cref="InvalidOperationException">The optimizer was already built.</exception>
    /// <exception cref="ArgumentException">The shard's end lies beyond the arena, or the schedule cycles momentum and this algorithm has none.</exception>
    public void Build(ParameterArena arena, OptimizerShard shard)
    {
        ArgumentNullException.ThrowIfNull(arena);
        ArgumentNullException.ThrowIfNull(shard);
        if (shard.End > arena.Length)
            throw new ArgumentException($"The shard [{shard.Start}, {shard.End}) ends beyond the arena's {arena.Length} elements.", nameof(shard));
        BuildRange(arena, shard);
    }

    /// <summary>The shard this optimizer was built for, or null when it owns the whole arena.</summary>
    public OptimizerShard? Shard => _shard;

    private void BuildRange(ParameterArena arena, OptimizerShard? shard)
    {
        if (_arena is not null)
            throw new InvalidOperationException($"Optimizer '{Name}' is already built for another set of parameters; create a new optimizer for this one.");
        if (MomentumIsScheduled && !SupportsScheduledMomentum)
            throw new ArgumentException($"The schedule {_schedule!.ClassName} cycles momentum but {GetType().Name} has no momentum; disable its momentum cycling.", "learningRate");

        var layout = new OptimizerLayout(arena, shard?.Start ?? 0, shard?.End ?? arena.Length);
        _slotDefinitions = DefineSlots();
        _slots = _slotDefinitions.Select(s => CreateRangeSlot(layout, s.InitialValue)).ToArray();
        if (UseEma)
        {
            // The first update copies the weights anyway (Keras); starting from a copy also makes
            // swapping meaningful before any step and for parameters unfrozen later.
            _average = CreateRangeSlot(layout, 0f);
            arena.Values.Slice(layout.Start, layout.Length).CopyTo(_average.Span);
        }
        if (Options.GradientAccumulationSteps > 1)
            _accumulator = CreateRangeSlot(layout, 0f);

        int count = arena.Parameters.Count;
        _trainableSeen = new bool[count];
        _parameterPartials = new double[count];
        _parameterRejected = new long[count];
        _layout = layout;
        _executor = new CpuExecutor(this, layout);
        _shard = shard;
        _arena = arena;
        _layoutDirty = true;
    }

    // A slot of the range's length; parameter elements (not padding) start at the initial value.
    private static AlignedBuffer CreateRangeSlot(OptimizerLayout layout, float initialValue)
    {
        var slot = new AlignedBuffer(layout.Length);
        if (initialValue != 0f)
            foreach (var p in layout.Arena.Parameters)
            {
                int start = Math.Max(p.ArenaOffset, layout.Start), end = Math.Min(p.ArenaOffset + p.Size, layout.End);
                if (start < end) slot.Slice(start - layout.Start, end - start).Fill(initialValue);
            }
        return slot;
    }

    /// <summary>The slots the algorithm needs with its current hyperparameters.</summary>
    protected abstract SlotDefinition[] DefineSlots();

    /// <summary>Elements [<paramref name="start"/>, start + <paramref name="length"/>) of the arena in slot number <paramref name="index"/> (order of <see cref="DefineSlots"/>).</summary>
    protected Span<float> SlotSpan(int index, int start, int length) => _slots[index].Slice(start - _layout!.Start, length);

    /// <summary>Elements [<paramref name="start"/>, start + <paramref name="length"/>) of the built arena's values.</summary>
    protected Span<float> ValueSpan(int start, int length) => _arena!.Values.Slice(start, length);

    /// <summary>Elements [<paramref name="start"/>, start + <paramref name="length"/>) of the built arena's gradients.</summary>
    protected ReadOnlySpan<float> GradientSpan(int start, int length) => _arena!.Gradients.Slice(start, length);
}
