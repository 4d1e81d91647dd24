using ILGPU.Algorithms;

namespace Inertia.Gpu.Optimizers;

/// <summary>Adamax: A = 1 − β₁, B = β₂, C = η/(1 − β₁ᵗ), D = ε inside the max (PyTorch), E = ε added to u (Keras).</summary>
internal struct AdamaxRule : IUpdateRule
{
    public readonly float Apply(float w, float g, ref float m, ref float u, ref float unused, in StepCoefficients c)
    {
        float mi = m + (g - m) * c.A;
        float ui = XMath.Max(c.B * u, XMath.Abs(g) + c.D);
        m = mi;
        u = ui;
        return w - c.C * mi / (ui + c.E);
    }
}
