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

    /// <summary>
    /// The gradients were finite but the update overflowed (a learning rate far too large, a decay
    /// factor 1 − λη below −1): every element whose new weight or optimizer state would have been
    /// NaN or infinite kept its previous values, the others were updated, and the iteration count
    /// advanced. <see cref="Optimizer.LastOverflow"/> says where; <see cref="Optimizer.OverflowedSteps"/> counts these.
    /// </summary>
    Overflowed,
}
