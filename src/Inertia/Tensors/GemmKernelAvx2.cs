using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Inertia.Tensors;

/// <summary>
/// 6 × 16 micro-kernel: 12 ymm accumulators, 2 B loads and 6 broadcasts per k step, so the
/// two FMA ports stay busy while the loads fit in the two load ports.
/// </summary>
internal static unsafe class GemmKernelAvx2
{
    public const int Rows = 6;
    public const int Columns = 16;

    /// <summary>
    /// C tile (rows × cols, at most 6 × 16) ← sums over <paramref name="kc"/> steps of an A panel
    /// (element (i, p) at <c>a[i·aRow + p·aStep]</c>: packed, or op(A) itself, see
    /// <see cref="GemmDirectA"/>) and a B panel of kc rows of 16 floats, <paramref name="ldb"/>
    /// apart (packed, or op(B) itself), folded in by <see cref="GemmWriteBack"/> rules.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, nint aRow, nint aStep, float* b, nint ldb, float* c, int ldc,
        int rows, int cols, float alpha, float beta, GemmWriteMode mode)
    {
        var (a1, a2, a3, a4, a5) = GemmDirectA.RowOffsets(aRow, rows);
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector256<float> c20 = default, c21 = default, c30 = default, c31 = default;
        Vector256<float> c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Avx.LoadVector256(b);
            Vector256<float> b1 = Avx.LoadVector256(b + 8);
            Vector256<float> x = Vector256.Create(a[0]);
            c00 = Fma.MultiplyAdd(x, b0, c00);
            c01 = Fma.MultiplyAdd(x, b1, c01);
            x = Vector256.Create(a[a1]);
            c10 = Fma.MultiplyAdd(x, b0, c10);
            c11 = Fma.MultiplyAdd(x, b1, c11);
            x = Vector256.Create(a[a2]);
            c20 = Fma.MultiplyAdd(x, b0, c20);
            c21 = Fma.MultiplyAdd(x, b1, c21);
            x = Vector256.Create(a[a3]);
            c30 = Fma.MultiplyAdd(x, b0, c30);
            c31 = Fma.MultiplyAdd(x, b1, c31);
            x = Vector256.Create(a[a4]);
            c40 = Fma.MultiplyAdd(x, b0, c40);
            c41 = Fma.MultiplyAdd(x, b1, c41);
            x = Vector256.Create(a[a5]);
            c50 = Fma.MultiplyAdd(x, b0, c50);
            c51 = Fma.MultiplyAdd(x, b1, c51);
            a += aStep;
            b += ldb;
        }

        if (rows == Rows && cols == Columns)
        {
            Vector256<float> va = Vector256.Create(alpha), vb = Vector256.Create(beta);
            Store(c, c00, c01, va, vb, mode);
            Store(c + ldc, c10, c11, va, vb, mode);
            Store(c + 2 * (nint)ldc, c20, c21, va, vb, mode);
            Store(c + 3 * (nint)ldc, c30, c31, va, vb, mode);
            Store(c + 4 * (nint)ldc, c40, c41, va, vb, mode);
            Store(c + 5 * (nint)ldc, c50, c51, va, vb, mode);
            return;
        }

        float* t = stackalloc float[Rows * Columns];
        Avx.Store(t, c00); Avx.Store(t + 8, c01);
        Avx.Store(t + 16, c10); Avx.Store(t + 24, c11);
        Avx.Store(t + 32, c20); Avx.Store(t + 40, c21);
        Avx.Store(t + 48, c30); Avx.Store(t + 56, c31);
        Avx.Store(t + 64, c40); Avx.Store(t + 72, c41);
        Avx.Store(t + 80, c50); Avx.Store(t + 88, c51);
        GemmWriteBack.Scalar(t, Columns, c, ldc, rows, cols, alpha, beta, mode);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Store(float* c, Vector256<float> s0, Vector256<float> s1,
        Vector256<float> alpha, Vector256<float> beta, GemmWriteMode mode)
    {
        Vector256<float> v0 = Avx.Multiply(alpha, s0), v1 = Avx.Multiply(alpha, s1);
        if (mode == GemmWriteMode.Overwrite)
        {
            Avx.Store(c, v0);
            Avx.Store(c + 8, v1);
        }
        else if (mode == GemmWriteMode.Blend)
        {
            Avx.Store(c, Avx.Add(v0, Avx.Multiply(beta, Avx.LoadVector256(c))));
            Avx.Store(c + 8, Avx.Add(v1, Avx.Multiply(beta, Avx.LoadVector256(c + 8))));
        }
        else
        {
            Avx.Store(c, Avx.Add(Avx.LoadVector256(c), v0));
            Avx.Store(c + 8, Avx.Add(Avx.LoadVector256(c + 8), v1));
        }
    }
}
