namespace Inertia.Optimizers;

/// <summary>What an optimizer does when a gradient holds NaN or infinity.</summary>
public enum NonFinitePolicy
{
    /// <summary>Skip the whole call (parameters, slots and iteration count untouched) and count it in <see cref="Optimizer.SkippedSteps"/>.</summary>
    Skip,

    /// <summary>Throw <see cref="NonFiniteGradientException"/> naming the first parameter with a non-finite gradient; nothing is changed.</summary>
    Throw,
}
