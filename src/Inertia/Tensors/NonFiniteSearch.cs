using System.Numerics;
using System.Runtime.InteropServices;

namespace Inertia.Tensors;

/// <summary>Finds the first NaN or infinity in a span, at the speed of reading it.</summary>
internal static class NonFiniteSearch
{
    // Fit checks every element of its data before the first step: with one scalar test per
    // element that took 38 ms per call on 60,000 MNIST images, 2 % of a batch-32 epoch.
    private const int Block = 1024;

    /// <summary>Index of the first element of <paramref name="values"/> that is NaN or ±∞; -1 if all are finite.</summary>
    public static int IndexOfFirst(ReadOnlySpan<float> values)
    {
        int start = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
            int perBlock = Block / Vector<float>.Count;
            for (int v = 0; v + perBlock <= vectors.Length; v += perBlock)
            {
                // x − x is 0 for every finite x and NaN for NaN and ±∞, and NaN survives the sum:
                // a block is searched element by element only when it holds a non-finite value.
                var a = Vector<float>.Zero;
                var b = Vector<float>.Zero;
                for (int i = v; i < v + perBlock; i += 2)
                {
                    a += vectors[i] - vectors[i];
                    b += vectors[i + 1] - vectors[i + 1];
                }
                if (!Vector.EqualsAll(a + b, Vector<float>.Zero)) return Scalar(values, start, Block);
                start += Block;
            }
        }
        return Scalar(values, start, values.Length - start);
    }

    private static int Scalar(ReadOnlySpan<float> values, int start, int length)
    {
        for (int i = start; i < start + length; i++)
            if (!float.IsFinite(values[i])) return i;
        return -1;
    }
}
