using ILGPU;
using ILGPU.Algorithms;

namespace Inertia.Gpu.Optimizers;

/// <summary>Per-parameter inputs of the fused update: clip-norm factor (negated under maximize), L2, decoupled decay, group.</summary>
internal struct ParameterCoefficients
{
    public float Scale;
    public float L2;
    public float Decay;
    public int Group;
    public int Active;
}

/// <summary>
/// Per-group, per-step coefficients of one algorithm, computed on the host in double once per step
/// exactly as the CPU optimizer computes them; each rule documents what A..F mean for it.
/// </summary>
internal struct StepCoefficients
{
    public float A;
    public float B;
    public float C;
    public float D;
    public float E;
    public float F;
    public int Flags;
}

/// <summary>One algorithm's per-element update, given the decayed weight and the transformed gradient; returns the new weight.</summary>
internal interface IUpdateRule
{
    float Apply(float weight, float gradient, ref float slot0, ref float slot1, ref float slot2, in StepCoefficients c);
}

/// <summary>
/// The one fused pass every optimizer runs on the device: each thread reads its element's parameter
/// through the 16-float segment table (parameters start on 16-float boundaries), applies the CPU
/// pipeline's inline transform (clip scale, clip value, L2, decoupled decay) and the rule, and
/// writes the weight and the slots back. Padding is zero everywhere and every rule maps zeros to zeros.
/// </summary>
internal static class UpdateKernel
{
    public const int SegmentShift = 4;

    public static void Run<TRule>(Index1D index, ArrayView<float> weights, ArrayView<float> gradients,
        ArrayView<float> slot0, ArrayView<float> slot1, ArrayView<float> slot2, ArrayView<int> segments,
        ArrayView<ParameterCoefficients> parameters, ArrayView<StepCoefficients> groups, float clip)
        where TRule : struct, IUpdateRule
    {
        int i = index;
        var p = parameters[segments[i >> SegmentShift]];
        if (p.Active == 0) return;
        float w = weights[i];
        float g = XMath.Min(XMath.Max(gradients[i] * p.Scale, -clip), clip) + w * p.L2;
        float decayed = w - w * p.Decay;
        // Absent slots are bound to a one-element dummy; rules never touch a slot they do not use.
        int j0 = slot0.Length > 1 ? i : 0, j1 = slot1.Length > 1 ? i : 0, j2 = slot2.Length > 1 ? i : 0;
        weights[i] = default(TRule).Apply(decayed, g, ref slot0[j0], ref slot1[j1], ref slot2[j2], groups[p.Group]);
    }
}
