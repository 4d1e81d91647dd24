using ILGPU.Algorithms;

namespace Inertia.Gpu.Optimizers;

/// <summary>Adagrad: acc ← acc + g²; w ← w − A·g/(sqrt(acc + B) + C) (B = ε Keras, C = ε PyTorch).</summary>
internal struct AdagradRule : IUpdateRule
{
    public readonly float Apply(float w, float g, ref float acc, ref float unused1, ref float unused2, in StepCoefficients c)
    {
        float ai = acc + g * g;
        acc = ai;
        return w - c.A * g / (XMath.Sqrt(ai + c.B) + c.C);
    }
}
