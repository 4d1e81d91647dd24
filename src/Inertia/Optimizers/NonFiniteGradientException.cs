namespace Inertia.Optimizers;

/// <summary>Raised under <see cref="NonFinitePolicy.Throw"/> when a gradient holds NaN or infinity.</summary>
public sealed class NonFiniteGradientException : ArithmeticException
{
    /// <summary>Creates the exception for the named parameter.</summary>
    public NonFiniteGradientException(string parameterName, long iteration)
        : base($"The gradient of parameter '{parameterName}' holds NaN or infinity at iteration {iteration}; no parameter or slot was changed.")
    {
        ParameterName = parameterName;
    }

    /// <summary>The first parameter (in arena order) whose gradient is not finite.</summary>
    public string ParameterName { get; }
}
