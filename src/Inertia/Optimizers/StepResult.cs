namespace Inertia.Optimizers;

/// <summary>What one <see cref="Optimizer.Apply()"/> call did.</summary>
public enum StepResult
{
    /// <summary>The parameters were updated and the iteration count advanced.</summary>
    Updated,

    /// <summary>The gradients were only added to the accumulators (gradient accumulation); parameters unchanged.</summary>
    Accumulated,

    /// <summary>A gradient held NaN or infinity: nothing changed except <see cref="Optimizer.SkippedSteps"/>.</summary>
    SkippedNonFinite,
}
