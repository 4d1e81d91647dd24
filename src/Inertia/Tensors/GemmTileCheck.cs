using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Inertia.Tensors;

/// <summary>
/// Whether a block of C just written back is finite, read while it is still in cache: the
/// backward pass vouches for a weight gradient this way instead of the optimizer reading it again.
/// </summary>
internal static unsafe class GemmTileCheck
{
    /// <summary>True when every element of the rows × cols block at <paramref name="c"/> is finite.</summary>
    // Kept out of line: inlined, it costs the driver's loop registers.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static bool IsFinite(float* c, int ldc, int rows, int cols)
    {
        // x − x is +0 (all bits clear) for every finite x and NaN for NaN and ±∞. OR-ing the bits
        // keeps the dependency chain at one cycle per vector, and walking each 8-float column
        // down the rows, two at a time, keeps the loop overhead below the loads (a sum of x·0
        // row by row cost a sixth of a small weight-gradient GEMM).
        Vector256<int> even = Vector256<int>.Zero, odd = Vector256<int>.Zero;
        int tail = 0;
        int vectors = cols & ~(Vector256<float>.Count - 1);
        nint stride = ldc;
        for (int j = 0; j < vectors; j += Vector256<float>.Count)
        {
            float* p = c + j;
            int i = 0;
            for (; i + 1 < rows; i += 2, p += 2 * stride)
            {
                var x = Vector256.Load(p);
                var y = Vector256.Load(p + stride);
                even |= (x - x).AsInt32();
                odd |= (y - y).AsInt32();
            }
            if (i < rows)
            {
                var x = Vector256.Load(p);
                even |= (x - x).AsInt32();
            }
        }
        for (int i = 0; i < rows; i++)
            for (int j = vectors; j < cols; j++)
                tail |= BitConverter.SingleToInt32Bits(c[(nint)i * ldc + j] - c[(nint)i * ldc + j]);
        return tail == 0 && (even | odd) == Vector256<int>.Zero;
    }
}
