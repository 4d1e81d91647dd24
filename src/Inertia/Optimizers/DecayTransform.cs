using System.Numerics;
using System.Runtime.CompilerServices;

namespace Inertia.Optimizers;

/// <summary>
/// The transform when decoupled weight decay is the only preprocessing (AdamW, Lion with decay):
/// one vector the JIT keeps in a register, where the general <see cref="GradientTransform"/>
/// reloads its five vectors from the struct on every iteration.
/// </summary>
internal readonly struct DecayTransform(float decay) : IGradientTransform
{
    private readonly Vector<float> _decay = new(decay);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> Gradient(Vector<float> gradient, Vector<float> weight) => gradient;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> DecayWeight(Vector<float> weight) => weight - weight * _decay;
}
