using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Inertia.Tensors;

/// <summary>
/// Copies op(A) and op(B) into the micro-kernel's panel layout: an A panel is kc rows of MR
/// consecutive floats (one per row of C), a B panel kc rows of NR floats (one per column of C).
/// Both transposes are resolved here so the kernel sees one layout; missing rows and columns
/// at the edges are zero, so edge tiles run the same kernel.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs rows [i0, i0 + rows) of op(A) over all of k into one panel of <paramref name="mr"/>
    /// interleaved rows: element (i, p) goes to <c>dst[p·mr + i − i0]</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(float* dst, bool transposeA, float* a, int lda, int i0, int rows, int k, int mr)
    {
        if (transposeA)
        {
            // op(A)[i, p] = a[p·lda + i]: each k step is a contiguous run of the panel's rows.
            for (int p = 0; p < k; p++)
            {
                float* d = dst + (nint)p * mr;
                CopyRun(d, a + (nint)p * lda + i0, rows);
                for (int i = rows; i < mr; i++) d[i] = 0f;
            }
            return;
        }

        // op(A)[i, p] = a[i·lda + p]: a transposing copy of the panel's rows.
        GemmTranspose.Copy(dst, mr, a + (nint)i0 * lda, lda, rows, k);
        ZeroColumns(dst, mr, rows, k);
    }

    /// <summary>
    /// Packs op(B)[p0 .. p0 + kc) × [j0 .. j0 + cols) into ⌈cols / nr⌉ consecutive panels of
    /// kc × <paramref name="nr"/> floats: element (p, j) of panel q goes to <c>dst[q·kc·nr + (p − p0)·nr + j − j0 − q·nr]</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(float* dst, bool transposeB, float* b, int ldb, int p0, int kc, int j0, int cols, int nr)
    {
        for (int q = 0; q * nr < cols; q++)
        {
            int jq = j0 + q * nr;
            int width = Math.Min(nr, cols - q * nr);
            float* panel = dst + (nint)q * kc * nr;
            if (transposeB)
                PackTransposedPanel(panel, b, ldb, p0, kc, jq, width, nr);
            else
                PackPanel(panel, b, ldb, p0, kc, jq, width, nr);
        }
    }

    // op(B)[p, j] = b[p·ldb + j]: each k step is a contiguous run of the panel's columns.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackPanel(float* panel, float* b, int ldb, int p0, int kc, int j0, int width, int nr)
    {
        for (int p = 0; p < kc; p++)
        {
            float* d = panel + (nint)p * nr;
            CopyRun(d, b + (nint)(p0 + p) * ldb + j0, width);
            for (int j = width; j < nr; j++) d[j] = 0f;
        }
    }

    // A run of at most one panel row (12 or 32 floats): inline vector moves, because a memmove
    // call per row cost as much as the copy itself.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyRun(float* d, float* src, int count)
    {
        int i = 0;
        for (; i + 8 <= count; i += 8) Vector256.Store(Vector256.Load(src + i), d + i);
        if (i + 4 <= count)
        {
            Vector128.Store(Vector128.Load(src + i), d + i);
            i += 4;
        }
        for (; i < count; i++) d[i] = src[i];
    }

    // op(B)[p, j] = b[j·ldb + p]: a transposing copy of the panel's source rows.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackTransposedPanel(float* panel, float* b, int ldb, int p0, int kc, int j0, int width, int nr)
    {
        GemmTranspose.Copy(panel, nr, b + (nint)j0 * ldb + p0, ldb, width, kc);
        ZeroColumns(panel, nr, width, kc);
    }

    // Zero-fills columns [from, stride) of each of the first `count` rows.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ZeroColumns(float* dst, int stride, int from, int count)
    {
        if (from == stride) return;
        for (int p = 0; p < count; p++)
            new Span<float>(dst + (nint)p * stride + from, stride - from).Clear();
    }
}
