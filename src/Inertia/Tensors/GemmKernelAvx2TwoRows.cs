using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Inertia.Tensors;

/// <summary>
/// 2 × 48 micro-kernel for a last row panel of one or two rows (m = 32 is five 6-row panels
/// and two rows). The 6 × 16 kernel would spend two thirds of its multiply-adds there on rows
/// that do not exist; this one spends the same 12 accumulators on two rows of three B panels.
/// </summary>
/// <remarks>
/// Each element is the same sequence of fused multiply-adds from zero as in
/// <see cref="GemmKernelAvx2"/>, folded into C with the same multiplies and adds, so a row of C
/// has the same bits whichever kernel computed it.
/// </remarks>
internal static unsafe class GemmKernelAvx2TwoRows
{
    public const int Rows = 2;

    /// <summary>B panels (of <see cref="GemmKernelAvx2.Columns"/>) covered by one call.</summary>
    public const int Panels = 3;

    public const int Columns = Panels * GemmKernelAvx2.Columns;

    /// <summary>
    /// C tile (rows × cols, at most 2 × 48) ← sums over <paramref name="kc"/> steps of an A panel
    /// (element (i, p) at <c>a[i·aRow + p·aStep]</c>) and three B panels of 16 floats per k
    /// step, each with its own start and row distance (packed or in place). A panel past
    /// <paramref name="cols"/> may repeat an earlier one: its sums are never written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, nint aRow, nint aStep,
        float* b0, nint ldb0, float* b1, nint ldb1, float* b2, nint ldb2,
        float* c, int ldc, int rows, int cols, float alpha, float beta, GemmWriteMode mode)
    {
        nint a1 = rows > 1 ? aRow : 0;
        Vector256<float> c00 = default, c01 = default, c02 = default, c03 = default, c04 = default, c05 = default;
        Vector256<float> c10 = default, c11 = default, c12 = default, c13 = default, c14 = default, c15 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> x0 = Vector256.Create(a[0]);
            Vector256<float> x1 = Vector256.Create(a[a1]);
            Vector256<float> lo = Avx.LoadVector256(b0), hi = Avx.LoadVector256(b0 + 8);
            c00 = Fma.MultiplyAdd(x0, lo, c00);
            c01 = Fma.MultiplyAdd(x0, hi, c01);
            c10 = Fma.MultiplyAdd(x1, lo, c10);
            c11 = Fma.MultiplyAdd(x1, hi, c11);
            lo = Avx.LoadVector256(b1);
            hi = Avx.LoadVector256(b1 + 8);
            c02 = Fma.MultiplyAdd(x0, lo, c02);
            c03 = Fma.MultiplyAdd(x0, hi, c03);
            c12 = Fma.MultiplyAdd(x1, lo, c12);
            c13 = Fma.MultiplyAdd(x1, hi, c13);
            lo = Avx.LoadVector256(b2);
            hi = Avx.LoadVector256(b2 + 8);
            c04 = Fma.MultiplyAdd(x0, lo, c04);
            c05 = Fma.MultiplyAdd(x0, hi, c05);
            c14 = Fma.MultiplyAdd(x1, lo, c14);
            c15 = Fma.MultiplyAdd(x1, hi, c15);
            a += aStep;
            b0 += ldb0;
            b1 += ldb1;
            b2 += ldb2;
        }

        Vector256<float> va = Vector256.Create(alpha), vb = Vector256.Create(beta);
        if (rows == Rows && cols == Columns)
        {
            GemmKernelAvx2.Store(c, c00, c01, va, vb, mode);
            GemmKernelAvx2.Store(c + 16, c02, c03, va, vb, mode);
            GemmKernelAvx2.Store(c + 32, c04, c05, va, vb, mode);
            GemmKernelAvx2.Store(c + ldc, c10, c11, va, vb, mode);
            GemmKernelAvx2.Store(c + ldc + 16, c12, c13, va, vb, mode);
            GemmKernelAvx2.Store(c + ldc + 32, c14, c15, va, vb, mode);
            return;
        }

        // An edge tile: only its rows and columns are written.
        StoreRow(c, c00, c01, c02, c03, c04, c05, cols, va, vb, mode);
        if (rows > 1) StoreRow(c + ldc, c10, c11, c12, c13, c14, c15, cols, va, vb, mode);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(float* c, Vector256<float> s0, Vector256<float> s1, Vector256<float> s2,
        Vector256<float> s3, Vector256<float> s4, Vector256<float> s5, int cols,
        Vector256<float> alpha, Vector256<float> beta, GemmWriteMode mode)
    {
        const int panel = GemmKernelAvx2.Columns;
        GemmKernelAvx2.StoreRow(c, s0, s1, Math.Min(cols, panel), alpha, beta, mode);
        if (cols > panel) GemmKernelAvx2.StoreRow(c + panel, s2, s3, Math.Min(cols - panel, panel), alpha, beta, mode);
        if (cols > 2 * panel) GemmKernelAvx2.StoreRow(c + 2 * panel, s4, s5, cols - 2 * panel, alpha, beta, mode);
    }
}
