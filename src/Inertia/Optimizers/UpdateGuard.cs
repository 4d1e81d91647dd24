using System.Numerics;
using System.Runtime.CompilerServices;

namespace Inertia.Optimizers;

/// <summary>
/// The commit rule every update kernel applies per element: the new weight and slot values are
/// stored only when all of them are finite; otherwise the element keeps its previous weight and
/// state. Finite gradients can still overflow an update (a learning rate of 1e3, a decay factor
/// 1 − λη below −1, g² beyond float range), and storing the result would poison the model for
/// every later step. Each <c>Store</c> returns how many lanes it rejected (kept their old values), so
/// the optimizer can report the step.
/// </summary>
/// <remarks>
/// x·0 is ±0 for every finite x and NaN for NaN and ±∞, so a sum of such products is 0 exactly
/// when every value is finite. The common case costs a multiply-add per value and one compare and
/// branch per vector, then plain stores; only a vector with a non-finite lane takes the blend.
/// </remarks>
internal static class UpdateGuard
{
    /// <summary>Stores <paramref name="wi"/> into <paramref name="w"/>, or keeps the old value in lanes where it is not finite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Store(ref Vector<float> w, Vector<float> wi)
    {
        if (Vector.EqualsAll(wi * Vector<float>.Zero, Vector<float>.Zero))
        {
            w = wi;
            return 0;
        }
        var ok = Vector.Equals(wi * Vector<float>.Zero, Vector<float>.Zero);
        w = Vector.ConditionalSelect(ok, wi, w);
        return Rejected(ok);
    }

    /// <summary>Stores both new values, or keeps both old values in lanes where either is not finite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Store(ref Vector<float> w, Vector<float> wi, ref Vector<float> a, Vector<float> ai)
    {
        var check = wi * Vector<float>.Zero + ai * Vector<float>.Zero;
        if (Vector.EqualsAll(check, Vector<float>.Zero))
        {
            w = wi;
            a = ai;
            return 0;
        }
        var ok = Vector.Equals(check, Vector<float>.Zero);
        w = Vector.ConditionalSelect(ok, wi, w);
        a = Vector.ConditionalSelect(ok, ai, a);
        return Rejected(ok);
    }

    /// <summary>Stores the three new values, or keeps the three old values in lanes where any is not finite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Store(ref Vector<float> w, Vector<float> wi, ref Vector<float> a, Vector<float> ai, ref Vector<float> b, Vector<float> bi)
    {
        var check = wi * Vector<float>.Zero + ai * Vector<float>.Zero + bi * Vector<float>.Zero;
        if (Vector.EqualsAll(check, Vector<float>.Zero))
        {
            w = wi;
            a = ai;
            b = bi;
            return 0;
        }
        var ok = Vector.Equals(check, Vector<float>.Zero);
        w = Vector.ConditionalSelect(ok, wi, w);
        a = Vector.ConditionalSelect(ok, ai, a);
        b = Vector.ConditionalSelect(ok, bi, b);
        return Rejected(ok);
    }

    /// <summary>Stores the four new values, or keeps the four old values in lanes where any is not finite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Store(ref Vector<float> w, Vector<float> wi, ref Vector<float> a, Vector<float> ai,
        ref Vector<float> b, Vector<float> bi, ref Vector<float> c, Vector<float> ci)
    {
        var check = wi * Vector<float>.Zero + ai * Vector<float>.Zero + (bi * Vector<float>.Zero + ci * Vector<float>.Zero);
        if (Vector.EqualsAll(check, Vector<float>.Zero))
        {
            w = wi;
            a = ai;
            b = bi;
            c = ci;
            return 0;
        }
        var ok = Vector.Equals(check, Vector<float>.Zero);
        w = Vector.ConditionalSelect(ok, wi, w);
        a = Vector.ConditionalSelect(ok, ai, a);
        b = Vector.ConditionalSelect(ok, bi, b);
        c = Vector.ConditionalSelect(ok, ci, c);
        return Rejected(ok);
    }

    // Committed lanes hold −1 in the mask, so Count + Σ mask is the number of lanes not committed.
    private static int Rejected(Vector<int> committed) => Vector<int>.Count + Vector.Sum(committed);
}
