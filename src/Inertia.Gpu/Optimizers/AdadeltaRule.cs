using ILGPU.Algorithms;

namespace Inertia.Gpu.Optimizers;

/// <summary>Adadelta: A = ρ, B = 1 − ρ, C = η, D = ε; Δ = sqrt(E[Δ²] + ε)/sqrt(E[g²] + ε)·g.</summary>
internal struct AdadeltaRule : IUpdateRule
{
    public readonly float Apply(float w, float g, ref float squaredGradient, ref float squaredDelta, ref float unused, in StepCoefficients c)
    {
        float eg = c.A * squaredGradient + c.B * (g * g);
        float delta = XMath.Sqrt(squaredDelta + c.D) / XMath.Sqrt(eg + c.D) * g;
        squaredGradient = eg;
        squaredDelta = c.A * squaredDelta + c.B * (delta * delta);
        return w - c.C * delta;
    }
}
