using System.Numerics;
using System.Runtime.CompilerServices;

namespace Inertia.Optimizers;

/// <summary>
/// The commit rule every update kernel applies per element: the new weight and slot values are
/// stored only when all of them are finite; otherwise the element keeps its previous weight and
/// state. Finite gradients can still overflow an update (a learning rate of 1e3, a decay factor
/// 1 − λη below −1, g² beyond float range), and storing the result would poison the model for
/// every later step. The kernels count the elements they kept so the optimizer can report the step.
/// </summary>
internal static class UpdateGuard
{
    // x·0 is ±0 for every finite x and NaN for NaN and ±∞, so a sum of such products is 0 exactly
    // when every operand is finite: one multiply-add per value and one compare per vector.

    /// <summary>All-ones lanes where <paramref name="a"/> is finite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<int> Finite(Vector<float> a) =>
        Vector.Equals(a * Vector<float>.Zero, Vector<float>.Zero);

    /// <summary>All-ones lanes where both values are finite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<int> Finite(Vector<float> a, Vector<float> b) =>
        Vector.Equals(a * Vector<float>.Zero + b * Vector<float>.Zero, Vector<float>.Zero);

    /// <summary>All-ones lanes where the three values are finite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<int> Finite(Vector<float> a, Vector<float> b, Vector<float> c) =>
        Vector.Equals(a * Vector<float>.Zero + b * Vector<float>.Zero + c * Vector<float>.Zero, Vector<float>.Zero);

    /// <summary>All-ones lanes where the four values are finite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<int> Finite(Vector<float> a, Vector<float> b, Vector<float> c, Vector<float> d) =>
        Vector.Equals(a * Vector<float>.Zero + b * Vector<float>.Zero + (c * Vector<float>.Zero + d * Vector<float>.Zero), Vector<float>.Zero);

    /// <summary><paramref name="updated"/> where <paramref name="finite"/> is set, <paramref name="previous"/> elsewhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Commit(Vector<int> finite, Vector<float> updated, Vector<float> previous) =>
        Vector.ConditionalSelect(finite, updated, previous);

    /// <summary>
    /// The number of kept (rejected) elements, from the sum of the masks of <paramref name="vectors"/>
    /// vectors: every committed lane added −1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Rejected(Vector<int> maskSum, int vectors) => vectors * Vector<int>.Count + Vector.Sum(maskSum);
}
