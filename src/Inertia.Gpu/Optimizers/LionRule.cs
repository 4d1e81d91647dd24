namespace Inertia.Gpu.Optimizers;

/// <summary>Lion: A = β₁, B = 1 − β₁, C = β₂, D = 1 − β₂, E = η; w ← w − η·sign(β₁·m + (1 − β₁)·g) (sign(0) = 0), then m ← β₂·m + (1 − β₂)·g.</summary>
internal struct LionRule : IUpdateRule
{
    public readonly float Apply(float w, float g, ref float m, ref float unused1, ref float unused2, in StepCoefficients c)
    {
        float direction = m * c.A + g * c.B;
        float step = direction > 0f ? c.E : direction < 0f ? -c.E : 0f;
        m = m * c.C + g * c.D;
        return w - step;
    }
}
