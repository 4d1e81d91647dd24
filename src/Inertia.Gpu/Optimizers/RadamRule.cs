using ILGPU.Algorithms;

namespace Inertia.Gpu.Optimizers;

/// <summary>RAdam: A = 1 − β₁, B = 1 − β₂, C = step size, D = ε; rectified (flag 1): w ← w − C·m/(sqrt(v) + ε), else w ← w − C·m.</summary>
internal struct RadamRule : IUpdateRule
{
    public const int Rectified = 1;

    public readonly float Apply(float w, float g, ref float m, ref float v, ref float unused, in StepCoefficients c)
    {
        float mi = m + (g - m) * c.A;
        float vi = v + (g * g - v) * c.B;
        m = mi;
        v = vi;
        return w - ((c.Flags & Rectified) != 0 ? c.C * mi / (XMath.Sqrt(vi) + c.D) : c.C * mi);
    }
}
