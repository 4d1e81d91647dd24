namespace Inertia.Optimizers;

/// <summary>
/// Raised under <see cref="NonFinitePolicy.Throw"/> when an update overflowed with finite gradients.
/// The update was applied to every other element; the rejected ones kept their previous weight and
/// state, so the model holds no NaN or infinity.
/// </summary>
public sealed class NonFiniteUpdateException : ArithmeticException
{
    /// <summary>Creates the exception for the overflow described.</summary>
    public NonFiniteUpdateException(UpdateOverflow overflow)
        : base(overflow?.ToString())
    {
        ArgumentNullException.ThrowIfNull(overflow);
        Overflow = overflow;
    }

    /// <summary>Where the update overflowed.</summary>
    public UpdateOverflow Overflow { get; }

    /// <summary>The first parameter (in arena order) with a rejected element.</summary>
    public string ParameterName => Overflow.ParameterName;
}
