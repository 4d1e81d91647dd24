namespace Inertia.Optimizers;

/// <summary>
/// What an optimizer does when a gradient holds NaN or infinity, or an update with finite gradients
/// overflows. An overflowed element never stores NaN or infinity under either policy (see <see cref="StepResult.Overflowed"/>).
/// </summary>
public enum NonFinitePolicy
{
    /// <summary>
    /// On a non-finite gradient, skip the whole call (parameters, slots and iteration count untouched)
    /// and count it in <see cref="Optimizer.SkippedSteps"/>. An update that overflows with finite
    /// gradients is applied except for its rejected elements and returns <see cref="StepResult.Overflowed"/>.
    /// </summary>
    Skip,

    /// <summary>
    /// Throw <see cref="NonFiniteGradientException"/> naming the first parameter with a non-finite gradient
    /// (nothing is changed), or <see cref="NonFiniteUpdateException"/> after an update that overflowed with
    /// finite gradients (applied to every element but the rejected ones).
    /// </summary>
    Throw,
}
