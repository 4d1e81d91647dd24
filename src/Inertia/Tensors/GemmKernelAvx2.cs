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

        Vector256<float> va = Vector256.Create(alpha), vb = Vector256.Create(beta);
        if (rows == Rows && cols == Columns)
        {
            Store(c, c00, c01, va, vb, mode);
            Store(c + ldc, c10, c11, va, vb, mode);
            Store(c + 2 * (nint)ldc, c20, c21, va, vb, mode);
            Store(c + 3 * (nint)ldc, c30, c31, va, vb, mode);
            Store(c + 4 * (nint)ldc, c40, c41, va, vb, mode);
            Store(c + 5 * (nint)ldc, c50, c51, va, vb, mode);
            return;
        }

        // An edge tile: only its rows and columns are written.
        StoreRow(c, c00, c01, cols, va, vb, mode);
        if (rows > 1) StoreRow(c + ldc, c10, c11, cols, va, vb, mode);
        if (rows > 2) StoreRow(c + 2 * (nint)ldc, c20, c21, cols, va, vb, mode);
        if (rows > 3) StoreRow(c + 3 * (nint)ldc, c30, c31, cols, va, vb, mode);
        if (rows > 4) StoreRow(c + 4 * (nint)ldc, c40, c41, cols, va, vb, mode);
        if (rows > 5) StoreRow(c + 5 * (nint)ldc, c50, c51, cols, va, vb, mode);
    }

    /// <summary>
    /// Folds the first <paramref name="cols"/> (1 to 16) sums of a row into C: whole vectors,
    /// then a half vector, then single floats, each with the multiplies and adds of
    /// <see cref="Store"/> (so the same bits), and nothing past the row's last column.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void StoreRow(float* c, Vector256<float> s0, Vector256<float> s1, int cols,
        Vector256<float> alpha, Vector256<float> beta, GemmWriteMode mode)
    {
        if (cols == Columns)
            Store(c, s0, s1, alpha, beta, mode);
        else
            StorePartialRow(c, s0, s1, cols, alpha.ToScalar(), beta.ToScalar(), mode);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void StorePartialRow(float* c, Vector256<float> s0, Vector256<float> s1, int cols,
        float alpha, float beta, GemmWriteMode mode)
    {
        Vector256<float> s = s0;
        if (cols >= 8)
        {
            Vector256<float> v = Avx.Multiply(Vector256.Create(alpha), s0);
            Avx.Store(c, mode == GemmWriteMode.Overwrite ? v
                : mode == GemmWriteMode.Blend ? Avx.Add(v, Avx.Multiply(Vector256.Create(beta), Avx.LoadVector256(c)))
                : Avx.Add(Avx.LoadVector256(c), v));
            c += 8;
            cols -= 8;
            s = s1;
        }
        Vector128<float> h = s.GetLower();
        if (cols >= 4)
        {
            Vector128<float> v = Sse.Multiply(Vector128.Create(alpha), h);
            Sse.Store(c, mode == GemmWriteMode.Overwrite ? v
                : mode == GemmWriteMode.Blend ? Sse.Add(v, Sse.Multiply(Vector128.Create(beta), Sse.LoadVector128(c)))
                : Sse.Add(Sse.LoadVector128(c), v));
            c += 4;
            cols -= 4;
            h = s.GetUpper();
        }
        for (int j = 0; j < cols; j++)
        {
            float v = alpha * h.GetElement(j);
            c[j] = mode == GemmWriteMode.Overwrite ? v
                : mode == GemmWriteMode.Blend ? v + beta * c[j]
                : c[j] + v;
        }
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
