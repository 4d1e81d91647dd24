namespace Inertia.Optimizers;

/// <summary>
/// Receives a rule's prepared <see cref="IUpdateStep{T}"/> as its own struct type (see
/// <see cref="IUpdateRule{TCoefficients}.Prepare"/>), so that the loop that runs it is compiled for
/// exactly that step.
/// </summary>
/// <typeparam name="T">The lanes' value type.</typeparam>
/// <typeparam name="TResult">What the visit returns.</typeparam>
public interface IStepVisitor<T, TResult> where T : struct
{
    /// <summary>Runs <paramref name="step"/>.</summary>
    TResult Run<TStep>(in TStep step) where TStep : struct, IUpdateStep<T>;
}
