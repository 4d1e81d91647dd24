using Inertia.Tensors;

namespace Inertia.Optimizers;

/// <summary>Reading an optimizer's per-parameter state by slot name.</summary>
public abstract partial class Optimizer
{
    /// <summary>
    /// The state of <paramref name="parameter"/> in the named slot (a name of <see cref="Slots"/>,
    /// <c>"average"</c> for the EMA weights, <c>"accumulator"</c> for accumulated gradients).
    /// </summary>
    /// <exception cref="KeyNotFoundException">No slot has that name.</exception>
    /// <exception cref="ArgumentException">The parameter is not in the built arena, or not wholly in this optimizer's shard.</exception>
    public ReadOnlySpan<float> GetSlot(Parameter parameter, string slotName) => StateOf(parameter, slotName);

    private Span<float> StateOf(Parameter parameter, string slotName)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (_arena is null || !ReferenceEquals(parameter.Arena, _arena))
            throw new ArgumentException($"Parameter '{parameter.Name}' is not in the arena optimizer '{Name}' was built for.", nameof(parameter));
        var layout = _layout!;
        if (parameter.ArenaOffset < layout.Start || parameter.ArenaOffset + parameter.Size > layout.End)
            throw new ArgumentException($"Parameter '{parameter.Name}' (elements [{parameter.ArenaOffset}, {parameter.ArenaOffset + parameter.Size})) is not wholly in the shard [{layout.Start}, {layout.End}) of optimizer '{Name}'.", nameof(parameter));
        return SlotByName(slotName).Slice(parameter.ArenaOffset - layout.Start, parameter.Size);
    }

    private AlignedBuffer SlotByName(string slotName)
    {
        for (int i = 0; i < _slotDefinitions.Length; i++)
            if (_slotDefinitions[i].Name == slotName) return _slots[i];
        if (slotName == "average" && _average is not null) return _average;
        if (slotName == "accumulator" && _accumulator is not null) return _accumulator;
        throw new KeyNotFoundException($"Optimizer '{Name}' has no slot '{slotName}'; its slots are: {string.Join(", ", StateSlotNames())}.");
    }

    private IEnumerable<string> StateSlotNames()
    {
        foreach (var s in _slotDefinitions) yield return s.Name;
        if (_average is not null) yield return "average";
        if (_accumulator is not null) yield return "accumulator";
    }
}
