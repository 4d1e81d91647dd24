using Inertia.Optimizers;

namespace Inertia.Training;

public sealed partial class Sequential
{
    /// <summary>
    /// Swaps in an optimizer already built over this model's arena (a ZeRO-1 shard of the compiled
    /// one), releasing the compiled optimizer's state: the point of sharding is that no rank keeps it.
    /// </summary>
    internal void ReplaceOptimizer(Optimizer built)
    {
        if (!ReferenceEquals(built.Arena, _arena))
            throw new ArgumentException($"Optimizer '{built.Name}' is not built over model '{Name}''s arena.", nameof(built));
        _optimizer = built;
    }
}
