using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Inertia.Tensors;

/// <summary>
/// 4 × 8 micro-kernel on Vector128 (8 accumulators): fits the 16 registers of SSE and uses
/// fused multiply-add where the hardware has it (Arm64, x64 with FMA).
/// </summary>
internal static unsafe class GemmKernelPortable
{
    public const int Rows = 4;
    public const int Columns = 8;

    /// <summary>
    /// C tile (rows × cols, at most 4 × 8) ← sums over <paramref name="kc"/> steps of an A panel
    /// (element (i, p) at <c>a[i·aRow + p·aStep]</c>: packed, or op(A) itself, see
    /// <see cref="GemmDirectA"/>) and a B panel of kc rows of 8 floats, <paramref name="ldb"/>
    /// apart, folded in by <see cref="GemmWriteBack"/> rules.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, nint aRow, nint aStep, float* b, nint ldb, float* c, int ldc,
        int rows, int cols, float alpha, float beta, GemmWriteMode mode)
    {
        var (a1, a2, a3, _, _) = GemmDirectA.RowOffsets(aRow, rows);
        Vector128<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector128<float> c20 = default, c21 = default, c30 = default, c31 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector128<float> b0 = Vector128.Load(b);
            Vector128<float> b1 = Vector128.Load(b + 4);
            Vector128<float> x = Vector128.Create(a[0]);
            c00 = Vector128.MultiplyAddEstimate(x, b0, c00);
            c01 = Vector128.MultiplyAddEstimate(x, b1, c01);
            x = Vector128.Create(a[a1]);
            c10 = Vector128.MultiplyAddEstimate(x, b0, c10);
            c11 = Vector128.MultiplyAddEstimate(x, b1, c11);
            x = Vector128.Create(a[a2]);
            c20 = Vector128.MultiplyAddEstimate(x, b0, c20);
            c21 = Vector128.MultiplyAddEstimate(x, b1, c21);
            x = Vector128.Create(a[a3]);
            c30 = Vector128.MultiplyAddEstimate(x, b0, c30);
            c31 = Vector128.MultiplyAddEstimate(x, b1, c31);
            a += aStep;
            b += ldb;
        }

        float* t = stackalloc float[Rows * Columns];
        c00.Store(t); c01.Store(t + 4);
        c10.Store(t + 8); c11.Store(t + 12);
        c20.Store(t + 16); c21.Store(t + 20);
        c30.Store(t + 24); c31.Store(t + 28);
        GemmWriteBack.Scalar(t, Columns, c, ldc, rows, cols, alpha, beta, mode);
    }
}
