using ILGPU.Algorithms;

namespace Inertia.Gpu.Optimizers;

/// <summary>
/// Nadam: A = 1 − β₁, B = 1 − β₂, C = weight of m, D = weight of g (both carrying η and the momentum
/// schedule), E = 1/(1 − β₂ᵗ), F = ε; w ← w − (C·m + D·g)/(sqrt(v·E) + F).
/// </summary>
internal struct NadamRule : IUpdateRule
{
    public readonly float Apply(float w, float g, ref float m, ref float v, ref float unused, in StepCoefficients c)
    {
        float mi = m + (g - m) * c.A;
        float vi = v + (g * g - v) * c.B;
        m = mi;
        v = vi;
        return w - (c.C * mi + c.D * g) / (XMath.Sqrt(vi * c.E) + c.F);
    }
}
