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
    /// C tile (rows × cols, at most 4 × 8) ← sums over <paramref name="kc"/> steps of a packed A
    /// panel (kc × 4) and a B panel of kc rows of 8 floats, <paramref name="ldb"/> apart, folded in by <see cref="GemmWriteBack"/> rules.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, nint ldb, float* c, int ldc, int rows, int cols,
        float alpha, float beta, GemmWriteMode mode)
    {
        Vector128<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector128<float> c20 = default, c21 = default, c30 = default, c31 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector128<float> b0 = Vector128.Load(b);
            Vector128<float> b1 = Vector128.Load(b + 4);
            Vector128<float> x = Vector128.Create(a[0]);
            c00 = Vector128.MultiplyAddEstimate(x, b0, c00);
            c01 = Vector128.MultiplyAddEstimate(x, b1, c01);
            x = Vector128.Create(a[1]);
            c10 = Vector128.MultiplyAddEstimate(x, b0, c10);
            c11 = Vector128.MultiplyAddEstimate(x, b1, c11);
            x = Vector128.Create(a[2]);
            c20 = Vector128.MultiplyAddEstimate(x, b0, c20);
            c21 = Vector128.MultiplyAddEstimate(x, b1, c21);
            x = Vector128.Create(a[3]);
            c30 = Vector128.MultiplyAddEstimate(x, b0, c30);
            c31 = Vector128.MultiplyAddEstimate(x, b1, c31);
            a += Rows;
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
