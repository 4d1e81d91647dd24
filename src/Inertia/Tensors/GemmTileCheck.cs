using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Inertia.Tensors;

/// <summary>
/// Whether a tile of C just written back is finite, read while it is still in L1: the backward
/// pass vouches for a weight gradient this way instead of the optimizer reading it again.
/// </summary>
internal static unsafe class GemmTileCheck
{
    /// <summary>True when every element of the rows × cols tile at <paramref name="c"/> is finite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsFinite(float* c, int ldc, int rows, int cols)
    {
        // x·0 is ±0 for every finite x and NaN for NaN and ±∞: one sum answers for the whole tile.
        var marker = Vector256<float>.Zero;
        float tail = 0f;
        int vectors = cols & ~(Vector256<float>.Count - 1);
        for (int i = 0; i < rows; i++)
        {
            float* row = c + (nint)i * ldc;
            int j = 0;
            for (; j < vectors; j += Vector256<float>.Count)
                marker += Vector256.Load(row + j) * Vector256<float>.Zero;
            for (; j < cols; j++)
                tail += row[j] * 0f;
        }
        return float.IsFinite(tail + Vector256.Sum(marker));
    }
}
