using System.Numerics;

namespace Inertia.Optimizers;

/// <summary>
/// What a fused kernel does to each gradient and weight before its update. Kernels are generic
/// over it so that the JIT compiles one specialized loop per transform: the
/// <see cref="IdentityTransform"/> loop carries no clip, L2 or decay arithmetic at all.
/// </summary>
internal interface IGradientTransform
{
    /// <summary>The gradient the update uses.</summary>
    Vector<float> Gradient(Vector<float> gradient, Vector<float> weight);

    /// <summary>The weight the update starts from.</summary>
    Vector<float> DecayWeight(Vector<float> weight);
}
