using System.Runtime.CompilerServices;

namespace Inertia.Tensors;

/// <summary>
/// Folds a finished tile of sums into C as its <see cref="GemmWriteMode"/> says. The vector
/// kernels do the same multiplies and adds (never fused), so edge tiles and full tiles round
/// identically.
/// </summary>
internal static unsafe class GemmWriteBack
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Scalar(float* tile, int tileStride, float* c, int ldc, int rows, int cols,
        float alpha, float beta, GemmWriteMode mode)
    {
        for (int i = 0; i < rows; i++)
        {
            float* t = tile + i * tileStride;
            float* d = c + (nint)i * ldc;
            if (mode == GemmWriteMode.Accumulate)
                for (int j = 0; j < cols; j++) d[j] += alpha * t[j];
            else if (mode == GemmWriteMode.Overwrite)
                for (int j = 0; j < cols; j++) d[j] = alpha * t[j];
            else
                for (int j = 0; j < cols; j++) d[j] = alpha * t[j] + beta * d[j];
        }
    }
}
