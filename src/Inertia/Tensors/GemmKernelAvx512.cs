using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Inertia.Tensors;

/// <summary>
/// 12 × 32 micro-kernel: 24 zmm accumulators, 2 B loads and 12 broadcasts per k step (27 of
/// the 32 zmm registers), twice the work per instruction of the AVX2 kernel.
/// </summary>
internal static unsafe class GemmKernelAvx512
{
    public const int Rows = 12;
    public const int Columns = 32;

    /// <summary>
    /// C tile (rows × cols, at most 12 × 32) ← sums over <paramref name="kc"/> steps of a packed
    /// A panel (kc × 12) and a B panel of kc rows of 32 floats, <paramref name="ldb"/> apart (packed,
    /// or op(B) itself), folded in by
    /// <see cref="GemmWriteBack"/> rules.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, nint ldb, float* c, int ldc, int rows, int cols,
        float alpha, float beta, GemmWriteMode mode)
    {
        Vector512<float> c00 = default, c01 = default;
        Vector512<float> c10 = default, c11 = default;
        Vector512<float> c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default;
        Vector512<float> c40 = default, c41 = default;
        Vector512<float> c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default;
        Vector512<float> c70 = default, c71 = default;
        Vector512<float> c80 = default, c81 = default;
        Vector512<float> c90 = default, c91 = default;
        Vector512<float> c100 = default, c101 = default;
        Vector512<float> c110 = default, c111 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Avx512F.LoadVector512(b);
            Vector512<float> b1 = Avx512F.LoadVector512(b + 16);
            Vector512<float> x = Vector512.Create(a[0]);
            c00 = Avx512F.FusedMultiplyAdd(x, b0, c00);
            c01 = Avx512F.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(a[1]);
            c10 = Avx512F.FusedMultiplyAdd(x, b0, c10);
            c11 = Avx512F.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(a[2]);
            c20 = Avx512F.FusedMultiplyAdd(x, b0, c20);
            c21 = Avx512F.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(a[3]);
            c30 = Avx512F.FusedMultiplyAdd(x, b0, c30);
            c31 = Avx512F.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(a[4]);
            c40 = Avx512F.FusedMultiplyAdd(x, b0, c40);
            c41 = Avx512F.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(a[5]);
            c50 = Avx512F.FusedMultiplyAdd(x, b0, c50);
            c51 = Avx512F.FusedMultiplyAdd(x, b1, c51);
            x = Vector512.Create(a[6]);
            c60 = Avx512F.FusedMultiplyAdd(x, b0, c60);
            c61 = Avx512F.FusedMultiplyAdd(x, b1, c61);
            x = Vector512.Create(a[7]);
            c70 = Avx512F.FusedMultiplyAdd(x, b0, c70);
            c71 = Avx512F.FusedMultiplyAdd(x, b1, c71);
            x = Vector512.Create(a[8]);
            c80 = Avx512F.FusedMultiplyAdd(x, b0, c80);
            c81 = Avx512F.FusedMultiplyAdd(x, b1, c81);
            x = Vector512.Create(a[9]);
            c90 = Avx512F.FusedMultiplyAdd(x, b0, c90);
            c91 = Avx512F.FusedMultiplyAdd(x, b1, c91);
            x = Vector512.Create(a[10]);
            c100 = Avx512F.FusedMultiplyAdd(x, b0, c100);
            c101 = Avx512F.FusedMultiplyAdd(x, b1, c101);
            x = Vector512.Create(a[11]);
            c110 = Avx512F.FusedMultiplyAdd(x, b0, c110);
            c111 = Avx512F.FusedMultiplyAdd(x, b1, c111);
            a += Rows;
            b += ldb;
        }

        if (rows == Rows && cols == Columns)
        {
            Vector512<float> va = Vector512.Create(alpha), vb = Vector512.Create(beta);
            Store(c, c00, c01, va, vb, mode);
            Store(c + ldc, c10, c11, va, vb, mode);
            Store(c + 2 * (nint)ldc, c20, c21, va, vb, mode);
            Store(c + 3 * (nint)ldc, c30, c31, va, vb, mode);
            Store(c + 4 * (nint)ldc, c40, c41, va, vb, mode);
            Store(c + 5 * (nint)ldc, c50, c51, va, vb, mode);
            Store(c + 6 * (nint)ldc, c60, c61, va, vb, mode);
            Store(c + 7 * (nint)ldc, c70, c71, va, vb, mode);
            Store(c + 8 * (nint)ldc, c80, c81, va, vb, mode);
            Store(c + 9 * (nint)ldc, c90, c91, va, vb, mode);
            Store(c + 10 * (nint)ldc, c100, c101, va, vb, mode);
            Store(c + 11 * (nint)ldc, c110, c111, va, vb, mode);
            return;
        }

        float* t = stackalloc float[Rows * Columns];
        Avx512F.Store(t + 0, c00); Avx512F.Store(t + 16, c01);
        Avx512F.Store(t + 32, c10); Avx512F.Store(t + 48, c11);
        Avx512F.Store(t + 64, c20); Avx512F.Store(t + 80, c21);
        Avx512F.Store(t + 96, c30); Avx512F.Store(t + 112, c31);
        Avx512F.Store(t + 128, c40); Avx512F.Store(t + 144, c41);
        Avx512F.Store(t + 160, c50); Avx512F.Store(t + 176, c51);
        Avx512F.Store(t + 192, c60); Avx512F.Store(t + 208, c61);
        Avx512F.Store(t + 224, c70); Avx512F.Store(t + 240, c71);
        Avx512F.Store(t + 256, c80); Avx512F.Store(t + 272, c81);
        Avx512F.Store(t + 288, c90); Avx512F.Store(t + 304, c91);
        Avx512F.Store(t + 320, c100); Avx512F.Store(t + 336, c101);
        Avx512F.Store(t + 352, c110); Avx512F.Store(t + 368, c111);
        GemmWriteBack.Scalar(t, Columns, c, ldc, rows, cols, alpha, beta, mode);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, Vector512<float> s0, Vector512<float> s1,
        Vector512<float> alpha, Vector512<float> beta, GemmWriteMode mode)
    {
        Vector512<float> v0 = Avx512F.Multiply(alpha, s0), v1 = Avx512F.Multiply(alpha, s1);
        if (mode == GemmWriteMode.Overwrite)
        {
            Avx512F.Store(c, v0);
            Avx512F.Store(c + 16, v1);
        }
        else if (mode == GemmWriteMode.Blend)
        {
            Avx512F.Store(c, Avx512F.Add(v0, Avx512F.Multiply(beta, Avx512F.LoadVector512(c))));
            Avx512F.Store(c + 16, Avx512F.Add(v1, Avx512F.Multiply(beta, Avx512F.LoadVector512(c + 16))));
        }
        else
        {
            Avx512F.Store(c, Avx512F.Add(Avx512F.LoadVector512(c), v0));
            Avx512F.Store(c + 16, Avx512F.Add(Avx512F.LoadVector512(c + 16), v1));
        }
    }
}
