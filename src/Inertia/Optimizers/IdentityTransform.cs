using System.Numerics;
using System.Runtime.CompilerServices;

namespace Inertia.Optimizers;

/// <summary>
/// The transform of the default configuration (no clipping, <c>maximize</c>, L2 or decay): the
/// kernels then read g and w as they are, with no per-element preprocessing.
/// </summary>
internal readonly struct IdentityTransform : IGradientTransform
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> Gradient(Vector<float> gradient, Vector<float> weight) => gradient;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> DecayWeight(Vector<float> weight) => weight;
}
