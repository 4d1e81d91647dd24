using ILGPU.Algorithms;

namespace Inertia.Gpu.Optimizers;

/// <summary>
/// RMSprop; A = ρ, B = 1 − ρ, C = η, D = ε, E = μ. Keras: inc = η·g/sqrt(v [− a²] + ε), momentum
/// m ← μ·m + inc. PyTorch: step = g/(sqrt(v [− a²]) + ε), momentum b ← μ·b + step, w ← w − η·step.
/// Slots: velocity, momentum, average gradient.
/// </summary>
internal struct RmspropRule : IUpdateRule
{
    public const int Torch = 1, Momentum = 2, Centered = 4;

    public readonly float Apply(float w, float g, ref float v, ref float m, ref float a, in StepCoefficients c)
    {
        bool torch = (c.Flags & Torch) != 0;
        float vi = c.A * v + c.B * (g * g);
        v = vi;
        float second = vi;
        if ((c.Flags & Centered) != 0)
        {
            float ai = torch ? a + c.B * (g - a) : c.A * a + c.B * g;
            a = ai;
            second = vi - ai * ai;
        }
        if (torch)
        {
            float step = g / (XMath.Sqrt(second) + c.D);
            if ((c.Flags & Momentum) != 0)
            {
                step = c.E * m + step;
                m = step;
            }
            return w - c.C * step;
        }
        float increment = c.C * g / XMath.Sqrt(second + c.D);
        if ((c.Flags & Momentum) != 0)
        {
            increment = c.E * m + increment;
            m = increment;
        }
        return w - increment;
    }
}
