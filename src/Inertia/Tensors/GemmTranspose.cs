using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Inertia.Tensors;

/// <summary>
/// Transposing copies for packing: eight source rows at a time are turned into eight-float
/// runs of the destination with an AVX 8 × 8 register transpose (then four rows with an SSE
/// 4 × 4 one), instead of one strided store per float.
/// </summary>
internal static unsafe class GemmTranspose
{
    /// <summary>
    /// For <c>r</c> in [0, <paramref name="rows"/>) and <c>p</c> in [0, <paramref name="count"/>):
    /// <c>dst[p·dstStride + r] = src[r·srcStride + p]</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Copy(float* dst, nint dstStride, float* src, nint srcStride, int rows, int count)
    {
        int r = 0;
        if (Avx.IsSupported)
            for (; r + 8 <= rows; r += 8)
                CopyEightRows(dst + r, dstStride, src + r * srcStride, srcStride, count);
        // A 12-row AVX-512 panel leaves four rows: a third of the panel, too much for the
        // strided scalar stores below.
        if (Sse.IsSupported)
            for (; r + 4 <= rows; r += 4)
                CopyFourRows(dst + r, dstStride, src + r * srcStride, srcStride, count);
        for (; r < rows; r++)
        {
            float* s = src + r * srcStride;
            float* d = dst + r;
            for (int p = 0; p < count; p++) d[p * dstStride] = s[p];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CopyEightRows(float* dst, nint dstStride, float* src, nint srcStride, int count)
    {
        int p = 0;
        for (; p + 8 <= count; p += 8)
            Transpose8x8(dst + p * dstStride, dstStride, src + p, srcStride);
        for (; p < count; p++)
            for (int r = 0; r < 8; r++)
                dst[p * dstStride + r] = src[r * srcStride + p];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CopyFourRows(float* dst, nint dstStride, float* src, nint srcStride, int count)
    {
        int p = 0;
        for (; p + 4 <= count; p += 4)
        {
            Vector128<float> r0 = Sse.LoadVector128(src + p), r1 = Sse.LoadVector128(src + srcStride + p);
            Vector128<float> r2 = Sse.LoadVector128(src + 2 * srcStride + p), r3 = Sse.LoadVector128(src + 3 * srcStride + p);
            Vector128<float> t0 = Sse.UnpackLow(r0, r1), t1 = Sse.UnpackLow(r2, r3);
            Vector128<float> t2 = Sse.UnpackHigh(r0, r1), t3 = Sse.UnpackHigh(r2, r3);
            float* d = dst + p * dstStride;
            Sse.Store(d, Sse.MoveLowToHigh(t0, t1));
            Sse.Store(d + dstStride, Sse.MoveHighToLow(t1, t0));
            Sse.Store(d + 2 * dstStride, Sse.MoveLowToHigh(t2, t3));
            Sse.Store(d + 3 * dstStride, Sse.MoveHighToLow(t3, t2));
        }
        for (; p < count; p++)
            for (int r = 0; r < 4; r++)
                dst[p * dstStride + r] = src[r * srcStride + p];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* dst, nint dstStride, float* src, nint srcStride)
    {
        Vector256<float> r0 = Avx.LoadVector256(src), r1 = Avx.LoadVector256(src + srcStride);
        Vector256<float> r2 = Avx.LoadVector256(src + 2 * srcStride), r3 = Avx.LoadVector256(src + 3 * srcStride);
        Vector256<float> r4 = Avx.LoadVector256(src + 4 * srcStride), r5 = Avx.LoadVector256(src + 5 * srcStride);
        Vector256<float> r6 = Avx.LoadVector256(src + 6 * srcStride), r7 = Avx.LoadVector256(src + 7 * srcStride);

        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);

        Vector256<float> s0 = Avx.Shuffle(t0, t2, 0x44), s1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> s2 = Avx.Shuffle(t1, t3, 0x44), s3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> s4 = Avx.Shuffle(t4, t6, 0x44), s5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> s6 = Avx.Shuffle(t5, t7, 0x44), s7 = Avx.Shuffle(t5, t7, 0xEE);

        Avx.Store(dst, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(dst + dstStride, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(dst + 2 * dstStride, Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(dst + 3 * dstStride, Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(dst + 4 * dstStride, Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(dst + 5 * dstStride, Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(dst + 6 * dstStride, Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(dst + 7 * dstStride, Avx.Permute2x128(s3, s7, 0x31));
    }
}
