namespace Inertia.Optimizers;

/// <summary>
/// What one overflowed update rejected (see <see cref="StepResult.Overflowed"/>): the elements
/// whose new weight or optimizer state would have been NaN or infinite, which kept their values.
/// </summary>
/// <param name="Step">The update's 1-based number (Keras <c>iterations</c> after it).</param>
/// <param name="ParameterName">The first parameter, in arena order, with a rejected element.</param>
/// <param name="Parameters">How many parameters had rejected elements.</param>
/// <param name="Elements">How many elements were rejected in all.</param>
public sealed record UpdateOverflow(long Step, string ParameterName, int Parameters, long Elements)
{
    /// <summary>One sentence for logs and exceptions.</summary>
    public override string ToString() =>
        $"Update {Step} would have made {Elements} value(s) of parameter '{ParameterName}'" +
        (Parameters > 1 ? $" and {Parameters - 1} other parameter(s)" : "") +
        " NaN or infinite with finite gradients (is the learning rate too large?); those elements kept their previous weight and optimizer state.";
}
