namespace Inertia.Optimizers;

/// <summary>
/// An optimizer's fused update, generic over the gradient transform so that
/// <see cref="GradientTransform.Specialize"/> can run the loop compiled for exactly what is
/// configured (nothing, decay only, or clipping / maximize / L2 as well).
/// </summary>
internal interface ISpecializedUpdate
{
    /// <summary>The update of elements [<paramref name="start"/>, start + <paramref name="length"/>); returns how many elements kept their values (<see cref="UpdateGuard"/>).</summary>
    int Update<T>(int group, in T transform, int start, int length) where T : struct, IGradientTransform;
}
