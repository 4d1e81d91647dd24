using ILGPU.Algorithms;

namespace Inertia.Gpu.Optimizers;

/// <summary>
/// Adam (and AdamW, whose difference is the decay folded into the weight): A = 1 − β₁, B = 1 − β₂,
/// C = step size a, D = root scale s, E = ε; w ← w − a·m/(sqrt(v)·s + ε), with v̂ = max(v̂, v) for
/// AMSGrad (flag 1). Slots: momentum, velocity, velocity_hat.
/// </summary>
internal struct AdamRule : IUpdateRule
{
    public const int Amsgrad = 1;

    public readonly float Apply(float w, float g, ref float m, ref float v, ref float vHat, in StepCoefficients c)
    {
        float mi = m + (g - m) * c.A;
        float vi = v + (g * g - v) * c.B;
        m = mi;
        v = vi;
        if ((c.Flags & Amsgrad) != 0)
        {
            vi = XMath.Max(vHat, vi);
            vHat = vi;
        }
        return w - c.C * mi / (XMath.Sqrt(vi) * c.D + c.E);
    }
}
