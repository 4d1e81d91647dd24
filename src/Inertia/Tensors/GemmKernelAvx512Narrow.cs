using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Inertia.Tensors;

/// <summary>
/// 12 × 16 AVX-512 micro-kernel for the last B panel when it holds at most 16 columns: half
/// the FMAs of the 12 × 32 kernel, which would otherwise multiply zero padding. The MLP's
/// n = 10 output layer is all such panels, n = 100 ends in a 4-column one.
/// </summary>
/// <remarks>
/// Each element gets the same FMA chain over k and the same write-back as in
/// <see cref="GemmKernelAvx512"/>, so which kernel runs a column never changes its bits; the
/// choice follows the column's position in C only, never the thread count.
/// </remarks>
internal static unsafe class GemmKernelAvx512Narrow
{
    public const int Columns = 16;

    /// <summary>
    /// C tile (rows × cols, at most 12 × 16) ← sums over <paramref name="kc"/> steps of a packed
    /// A panel (kc × 12) and the first 16 floats of kc B panel rows, <paramref name="ldb"/> apart.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, nint ldb, float* c, int ldc, int rows, int cols,
        float alpha, float beta, GemmWriteMode mode)
    {
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default;
        Vector512<float> c4 = default, c5 = default, c6 = default, c7 = default;
        Vector512<float> c8 = default, c9 = default, c10 = default, c11 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Avx512F.LoadVector512(b);
            c0 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[0]), b0, c0);
            c1 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[1]), b0, c1);
            c2 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[2]), b0, c2);
            c3 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[3]), b0, c3);
            c4 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[4]), b0, c4);
            c5 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[5]), b0, c5);
            c6 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[6]), b0, c6);
            c7 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[7]), b0, c7);
            c8 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[8]), b0, c8);
            c9 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[9]), b0, c9);
            c10 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[10]), b0, c10);
            c11 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[11]), b0, c11);
            a += GemmKernelAvx512.Rows;
            b += ldb;
        }

        // Masked stores instead of a stack tile: a stackalloc here made the JIT keep every
        // accumulator in memory inside the k loop (see docs/benchmarks.md). Masked-off lanes
        // are never touched, so a row that ends at the end of its allocation is safe.
        Vector512<float> mask = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(cols)).AsSingle();
        Vector512<float> va = Vector512.Create(alpha), vb = Vector512.Create(beta);
        Store(c, c0, mask, va, vb, mode);
        if (rows > 1) Store(c + ldc, c1, mask, va, vb, mode);
        if (rows > 2) Store(c + 2 * (nint)ldc, c2, mask, va, vb, mode);
        if (rows > 3) Store(c + 3 * (nint)ldc, c3, mask, va, vb, mode);
        if (rows > 4) Store(c + 4 * (nint)ldc, c4, mask, va, vb, mode);
        if (rows > 5) Store(c + 5 * (nint)ldc, c5, mask, va, vb, mode);
        if (rows > 6) Store(c + 6 * (nint)ldc, c6, mask, va, vb, mode);
        if (rows > 7) Store(c + 7 * (nint)ldc, c7, mask, va, vb, mode);
        if (rows > 8) Store(c + 8 * (nint)ldc, c8, mask, va, vb, mode);
        if (rows > 9) Store(c + 9 * (nint)ldc, c9, mask, va, vb, mode);
        if (rows > 10) Store(c + 10 * (nint)ldc, c10, mask, va, vb, mode);
        if (rows > 11) Store(c + 11 * (nint)ldc, c11, mask, va, vb, mode);
    }

    /// <summary>
    /// <see cref="GemmWriteBack"/> rules on the lanes of <paramref name="mask"/>, with the same
    /// unfused multiplies and adds in the same order, so the bits match the scalar write-back.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, Vector512<float> sum, Vector512<float> mask,
        Vector512<float> alpha, Vector512<float> beta, GemmWriteMode mode)
    {
        Vector512<float> v = Avx512F.Multiply(alpha, sum);
        if (mode == GemmWriteMode.Overwrite)
            Avx512F.MaskStore(c, mask, v);
        else if (mode == GemmWriteMode.Blend)
            Avx512F.MaskStore(c, mask, Avx512F.Add(v, Avx512F.Multiply(beta, Avx512F.MaskLoad(c, mask, Vector512<float>.Zero))));
        else
            Avx512F.MaskStore(c, mask, Avx512F.Add(Avx512F.MaskLoad(c, mask, Vector512<float>.Zero), v));
    }
}
