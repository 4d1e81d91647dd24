namespace Inertia.Optimizers;

/// <summary>Moving state between a whole-arena optimizer and its shards (ZeRO-1 checkpoints across world sizes).</summary>
public abstract partial class Optimizer
{
    /// <summary>
    /// The named state array (<see cref="StateSlots"/>) as this optimizer holds it: the whole arena's
    /// layout, or for a shard the elements of its range only, starting at <see cref="StateStart"/>.
    /// </summary>
    internal Span<float> RangeStateArray(string slotName) => SlotByName(slotName).Span;

    /// <summary>The first arena element of the state arrays (0 unless a shard).</summary>
    internal int StateStart => _layout!.Start;

    /// <summary>
    /// Takes the counters, the algorithm's scalars and a constant learning rate from
    /// <paramref name="other"/>, an optimizer of the same configuration that took the steps
    /// (a shard handing its progress to a whole optimizer, or the reverse).
    /// </summary>
    internal void TakeProgressFrom(Optimizer other)
    {
        var scalars = new SortedDictionary<string, double>(StringComparer.Ordinal);
        other.WriteScalars(scalars);
        _rawIterations = other._rawIterations;
        SkippedSteps = other.SkippedSteps;
        OverflowedSteps = other.OverflowedSteps;
        RejectedElements = other.RejectedElements;
        LastOverflow = other.LastOverflow;
        if (scalars.Count > 0) ReadScalars(scalars);
        if (other._schedule is null && _schedule is null) _constantRate = other._constantRate;
    }
}
