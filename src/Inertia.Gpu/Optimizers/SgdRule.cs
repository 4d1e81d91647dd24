namespace Inertia.Gpu.Optimizers;

/// <summary>
/// SGD in the CPU kernel's single form: v ← A·v + C·g; w ← w + P·v + Q·g (A, C, P, Q = coefficients
/// A, B, C, D), or w ← w + Q·g without momentum (flag 1 clear). Keras, PyTorch and Nesterov differ
/// only in the coefficients (see <see cref="SgdAlgorithm"/>).
/// </summary>
internal struct SgdRule : IUpdateRule
{
    public const int HasMomentum = 1;

    public readonly float Apply(float w, float g, ref float v, ref float unused1, ref float unused2, in StepCoefficients c)
    {
        if ((c.Flags & HasMomentum) == 0) return w + c.D * g;
        float vi = c.A * v + c.B * g;
        v = vi;
        return w + c.C * vi + c.D * g;
    }
}
