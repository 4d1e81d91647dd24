using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace Inertia.Gpu.Training;

/// <summary>
/// Row-major SGEMM on the device, C = α·op(A)·op(B) + β·C with the core library's
/// <c>Gemm.MatMul</c> conventions: through cuBLAS when it loads (row-major C is column-major Cᵀ,
/// so the call computes Cᵀ = op(B)ᵀ·op(A)ᵀ), otherwise through the ILGPU tiled kernel.
/// </summary>
public static class GpuGemm
{
    /// <summary>Multiplies <paramref name="m"/>×<paramref name="k"/> op(A) by <paramref name="k"/>×<paramref name="n"/> op(B) into C.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative or a leading dimension is too small.</exception>
    /// <exception cref="ArgumentException">A view is too short for its matrix.</exception>
    public static void Multiply(GpuContext context, bool transA, bool transB, int m, int n, int k, float alpha,
        ArrayView<float> a, int lda, ArrayView<float> b, int ldb, float beta, ArrayView<float> c, int ldc)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        int aCols = transA ? m : k, bCols = transB ? k : n;
        if (lda < Math.Max(1, aCols)) throw new ArgumentOutOfRangeException(nameof(lda), lda, $"lda must be at least {aCols}.");
        if (ldb < Math.Max(1, bCols)) throw new ArgumentOutOfRangeException(nameof(ldb), ldb, $"ldb must be at least {bCols}.");
        if (ldc < Math.Max(1, n)) throw new ArgumentOutOfRangeException(nameof(ldc), ldc, $"ldc must be at least {n}.");
        Require(a, transA ? k : m, lda, aCols, nameof(a));
        Require(b, transB ? n : k, ldb, bCols, nameof(b));
        Require(c, m, ldc, n, nameof(c));
        if (m == 0 || n == 0) return;
        if (context.Cublas is { } cublas)
        {
            cublas.Gemm(transB ? CuBlasOperation.Transpose : CuBlasOperation.NonTranspose,
                transA ? CuBlasOperation.Transpose : CuBlasOperation.NonTranspose,
                n, m, k, alpha, b, ldb, a, lda, beta, c, ldc);
            return;
        }
        var kernels = context.Kernels;
        int tile = kernels.TileSize;
        var shape = new GemmShape
        {
            M = m, N = n, K = k, Lda = lda, Ldb = ldb, Ldc = ldc, TransA = transA ? 1 : 0, TransB = transB ? 1 : 0, Alpha = alpha, Beta = beta,
        };
        kernels.Gemm(new KernelConfig(new Index2D((n + tile - 1) / tile, (m + tile - 1) / tile), new Index2D(tile, tile)), a, b, c, shape);
    }

    private static void Require(ArrayView<float> view, int rows, int ld, int cols, string name)
    {
        long needed = rows == 0 || cols == 0 ? 0 : (long)(rows - 1) * ld + cols;
        if (view.Length < needed)
            throw new ArgumentException($"Matrix {name} ({rows}×{cols}, leading dimension {ld}) needs {needed} floats; the view has {view.Length}.", name);
    }
}
