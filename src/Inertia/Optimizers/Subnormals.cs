using System.Numerics;
using System.Runtime.CompilerServices;

namespace Inertia.Optimizers;

/// <summary>
/// Flush-to-zero for optimizer state. A moment whose gradient has stopped (a dead ReLU unit)
/// decays geometrically into the subnormal range and, under round-to-nearest, sticks at the
/// smallest subnormal forever; every later step then pays a microcode assist per element
/// (about 8× slower on the measured Xeon). Keras on TensorFlow runs with flush-to-zero on CPU;
/// .NET cannot set the FPU's FTZ flag, so the kernels flush the slots they store instead.
/// Values below 2⁻¹²⁶ change a weight by far less than one ulp, so no result of any
/// conformance case moves.
/// </summary>
internal static class Subnormals
{
    /// <summary>2⁻¹²⁶.</summary>
    private const float SmallestNormal = 1.17549435e-38f;

    /// <summary>x, or 0 where |x| is below the smallest normal float.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Flush(Vector<float> x) =>
        Vector.ConditionalSelect(Vector.GreaterThanOrEqual(Vector.Abs(x), new Vector<float>(SmallestNormal)), x, Vector<float>.Zero);
}
