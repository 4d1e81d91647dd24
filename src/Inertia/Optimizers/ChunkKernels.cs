using System.Numerics;
using System.Runtime.InteropServices;

namespace Inertia.Optimizers;

/// <summary>
/// The vectorized passes the pipeline runs besides the update itself. Every range is a chunk:
/// a multiple of 16 floats, so it is a whole number of <see cref="Vector{T}"/>s.
/// </summary>
internal static class ChunkKernels
{
    /// <summary>0 if every element is finite, NaN otherwise (g·0 is NaN exactly for NaN and ±∞).</summary>
    public static double NonFiniteMarker(ReadOnlySpan<float> gradient)
    {
        var g = MemoryMarshal.Cast<float, Vector<float>>(gradient);
        var marker = Vector<float>.Zero;
        for (int i = 0; i < g.Length; i++)
            marker += g[i] * Vector<float>.Zero;
        return Vector.Sum(marker);
    }

    /// <summary>Σ g² in double, in a fixed order; not finite exactly when some element is not finite.</summary>
    public static double SumOfSquares(ReadOnlySpan<float> gradient)
    {
        var g = MemoryMarshal.Cast<float, Vector<float>>(gradient);
        Vector<double> low = Vector<double>.Zero, high = Vector<double>.Zero;
        for (int i = 0; i < g.Length; i++)
        {
            Vector.Widen(g[i], out var a, out var b);
            low += a * a;
            high += b * b;
        }
        return Vector.Sum(low + high);
    }

    /// <summary>Keras accumulation on a non-final call: <c>acc ← g + acc</c>.</summary>
    public static void AddInto(Span<float> accumulator, ReadOnlySpan<float> gradient)
    {
        var a = MemoryMarshal.Cast<float, Vector<float>>(accumulator);
        var g = MemoryMarshal.Cast<float, Vector<float>>(gradient);
        for (int i = 0; i < a.Length; i++)
            a[i] = g[i] + a[i];
    }

    /// <summary>Keras accumulation on the final call: <c>g ← (g + acc) / N</c>, then <c>acc ← 0</c>.</summary>
    public static void MeanAndReset(Span<float> gradient, Span<float> accumulator, float steps)
    {
        var a = MemoryMarshal.Cast<float, Vector<float>>(accumulator);
        var g = MemoryMarshal.Cast<float, Vector<float>>(gradient);
        var n = new Vector<float>(steps);
        for (int i = 0; i < a.Length; i++)
        {
            g[i] = (g[i] + a[i]) / n;
            a[i] = Vector<float>.Zero;
        }
    }

    /// <summary>Keras EMA: <c>avg ← m·avg + (1 − m)·w</c>.</summary>
    public static void MovingAverage(Span<float> average, ReadOnlySpan<float> weights, float momentum)
    {
        var avg = MemoryMarshal.Cast<float, Vector<float>>(average);
        var w = MemoryMarshal.Cast<float, Vector<float>>(weights);
        var m = new Vector<float>(momentum);
        var oneMinusM = new Vector<float>(1f - momentum);
        for (int i = 0; i < avg.Length; i++)
            avg[i] = m * avg[i] + oneMinusM * w[i];
    }

    public static void Swap(Span<float> a, Span<float> b)
    {
        for (int i = 0; i < a.Length; i++)
            (a[i], b[i]) = (b[i], a[i]);
    }
}
