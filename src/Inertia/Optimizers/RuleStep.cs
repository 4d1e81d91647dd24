using System.Runtime.CompilerServices;

namespace Inertia.Optimizers;

/// <summary>
/// A rule's step that splats its coefficients per call: the one-line
/// <see cref="IUpdateRule{TCoefficients}.Prepare"/> of a rule that has no prepared step of its own
/// (<c>visitor.Run(new RuleStep&lt;MyRule, MyCoefficients, T, L&gt;(c))</c>). It is exact; on the CPU it
/// costs one broadcast per coefficient and vector, which a prepared step does not.
/// </summary>
/// <typeparam name="TRule">The rule.</typeparam>
/// <typeparam name="TCoefficients">Its coefficients.</typeparam>
/// <typeparam name="T">The lanes' value type.</typeparam>
/// <typeparam name="TLanes">The lanes.</typeparam>
/// <param name="coefficients">This step's coefficients.</param>
public readonly struct RuleStep<TRule, TCoefficients, T, TLanes>(TCoefficients coefficients) : IUpdateStep<T>
    where TRule : struct, IUpdateRule<TCoefficients>
    where TCoefficients : unmanaged
    where T : struct
    where TLanes : struct, ILanes<T>
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Apply(T weight, T gradient, ref T slot0, ref T slot1, ref T slot2) =>
        default(TRule).Apply<T, TLanes>(weight, gradient, ref slot0, ref slot1, ref slot2, coefficients);
}
