using ILGPU;
using ILGPU.Algorithms;
using Inertia.Optimizers;

namespace Inertia.Gpu.Optimizers;

/// <summary>Per-parameter inputs of the fused update: clip-norm factor (negated under maximize), L2, decoupled decay, group, activity.</summary>
internal struct ParameterCoefficients
{
    public float Scale;
    public float L2;
    public float Decay;
    public int Group;
    public int Active;
}

/// <summary>
/// The one fused pass every optimizer runs on the device: each thread reads its element's parameter
/// through the 16-float segment table (parameters start on 16-float boundaries), applies the CPU
/// pipeline's inline transform (clip scale, clip value, L2, decoupled decay) and the optimizer's
/// own <see cref="IUpdateRule{TCoefficients}"/> over <see cref="ScalarLanes"/>, the same struct the
/// CPU runs over vectors, and writes the weight and the slots back, but only when all of them are
/// finite (the CPU's <c>UpdateGuard</c>): an element whose update overflowed keeps its values and
/// is counted for its parameter. Padding is zero everywhere and every rule maps zeros to zeros.
/// </summary>
internal static class UpdateKernel
{
    public const int SegmentShift = 4;

    public static void Run<TRule, TCoefficients>(Index1D index, ArrayView<float> weights, ArrayView<float> gradients,
        ArrayView<float> slot0, ArrayView<float> slot1, ArrayView<float> slot2, ArrayView<int> segments,
        ArrayView<ParameterCoefficients> parameters, ArrayView<TCoefficients> groups, float clip, ArrayView<int> rejected)
        where TRule : struct, IUpdateRule<TCoefficients>
        where TCoefficients : unmanaged
    {
        int i = index;
        int parameter = segments[i >> SegmentShift];
        var p = parameters[parameter];
        if (p.Active == 0) return;
        float w = weights[i];
        float g = XMath.Min(XMath.Max(gradients[i] * p.Scale, -clip), clip) + w * p.L2;
        float decayed = w - w * p.Decay;
        // Unbound slots are a one-element buffer holding 0, read but neither written nor checked.
        bool has0 = slot0.Length > 1, has1 = slot1.Length > 1, has2 = slot2.Length > 1;
        float s0 = slot0[has0 ? i : 0], s1 = slot1[has1 ? i : 0], s2 = slot2[has2 ? i : 0];
        float updated = default(TRule).Apply<float, ScalarLanes>(decayed, g, ref s0, ref s1, ref s2, groups[p.Group]);
        if (XMath.IsFinite(updated) && (!has0 || XMath.IsFinite(s0)) && (!has1 || XMath.IsFinite(s1)) && (!has2 || XMath.IsFinite(s2)))
        {
            weights[i] = updated;
            if (has0) slot0[i] = s0;
            if (has1) slot1[i] = s1;
            if (has2) slot2[i] = s2;
        }
        else
        {
            // Integer adds commute, so the count is the same in any order; overflow is rare, so there is no contention.
            Atomic.Add(ref rejected[parameter], 1);
        }
    }
}
