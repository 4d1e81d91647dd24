namespace Inertia.Tensors;

/// <summary>
/// Single-precision matrix multiplication on row-major matrices:
/// C ← α·op(A)·op(B) + β·C, where op(X) is X or Xᵀ.
/// </summary>
public static unsafe class Gemm
{
    /// <summary>
    /// C[m×n] ← α·op(A)[m×k]·op(B)[k×n] + β·C. <paramref name="lda"/>, <paramref name="ldb"/>,
    /// <paramref name="ldc"/> are the row strides of A, B, C as stored. β = 0 ignores C's old
    /// contents (NaN included); α = 0 or k = 0 leaves A and B unread (C ← β·C). The memory must
    /// stay pinned during the call.
    /// </summary>
    /// <remarks>
    /// Packed, cache-blocked and register-blocked (AVX-512 or AVX2 + FMA micro-kernels where the
    /// CPU has them, Vector128 otherwise), multithreaded through <see cref="Parallelism"/> for
    /// all but small products. Results are bitwise identical for any thread count, and a row of
    /// C does not depend on the other rows computed with it. Allocates nothing once warm.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative or a stride is shorter than its row.</exception>
    public static void Multiply(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc) =>
        Multiply(GemmKernels.Best, transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    /// <summary><see cref="Multiply(bool, bool, int, int, int, float, float*, int, float*, int, float, float*, int)"/> on a chosen micro-kernel.</summary>
    internal static void Multiply(GemmKernelKind kernel, bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc) =>
        Multiply(kernel, transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, checkFinite: false);

    /// <summary>The product; with <paramref name="checkFinite"/>, also whether every element of C is finite afterwards (true otherwise).</summary>
    private static bool Multiply(GemmKernelKind kernel, bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc, bool checkFinite)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        CheckStride(lda, transposeA ? m : k, nameof(lda));
        CheckStride(ldb, transposeB ? k : n, nameof(ldb));
        CheckStride(ldc, n, nameof(ldc));
        if (!GemmKernels.IsSupported(kernel))
            throw new PlatformNotSupportedException($"The {kernel} GEMM kernel needs instructions this CPU lacks.");
        if (m == 0 || n == 0) return true;
        if (k == 0 || alpha == 0f)
        {
            Scale(m, n, beta, c, ldc);
            return !checkFinite || GemmTileCheck.IsFinite(c, ldc, m, n);
        }
        return GemmDriver.ForCurrentThread().Run(kernel, transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, checkFinite);
    }

    private static void CheckStride(int stride, int rowLength, string name)
    {
        if (stride < rowLength)
            throw new ArgumentOutOfRangeException(name, stride, $"{name} = {stride} is shorter than a stored row of {rowLength} floats.");
    }

    private static void Scale(int m, int n, float beta, float* c, int ldc)
    {
        for (int i = 0; i < m; i++)
        {
            var row = new Span<float>(c + (nint)i * ldc, n);
            if (beta == 0f)
                row.Clear();
            else
                System.Numerics.Tensors.TensorPrimitives.Multiply(row, beta, row);
        }
    }

    /// <summary>
    /// C ← α·op(A)·op(B) + β·C on rank-2 tensors.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not chain; the message names all three.</exception>
    public static void MatMul(Tensor a, Tensor b, Tensor c, bool transposeA = false, bool transposeB = false,
        float alpha = 1f, float beta = 0f) =>
        MatMul(a, b, c, transposeA, transposeB, alpha, beta, checkFinite: false);

    /// <summary>
    /// <see cref="MatMul(Tensor, Tensor, Tensor, bool, bool, float, float)"/> that also says whether
    /// every element of C is finite afterwards, checked tile by tile as it is written back.
    /// </summary>
    internal static bool MatMulCheckingFinite(Tensor a, Tensor b, Tensor c, bool transposeA = false, bool transposeB = false,
        float alpha = 1f, float beta = 0f) =>
        MatMul(a, b, c, transposeA, transposeB, alpha, beta, checkFinite: true);

    private static bool MatMul(Tensor a, Tensor b, Tensor c, bool transposeA, bool transposeB, float alpha, float beta, bool checkFinite)
    {
        if (a.Shape.Rank != 2 || b.Shape.Rank != 2 || c.Shape.Rank != 2)
            throw new ArgumentException($"MatMul needs rank-2 tensors, got A {a.Shape}, B {b.Shape}, C {c.Shape}.");
        int m = transposeA ? a.Shape[1] : a.Shape[0];
        int k = transposeA ? a.Shape[0] : a.Shape[1];
        int kb = transposeB ? b.Shape[1] : b.Shape[0];
        int n = transposeB ? b.Shape[0] : b.Shape[1];
        if (k != kb || c.Shape[0] != m || c.Shape[1] != n)
            throw new ArgumentException(
                $"MatMul shapes do not match: A {a.Shape}{(transposeA ? "ᵀ" : "")} · B {b.Shape}{(transposeB ? "ᵀ" : "")} → C {c.Shape}.");
        if (m == 0 || n == 0) return true;
        return Multiply(GemmKernels.Best, transposeA, transposeB, m, n, k, alpha, a.Pointer, a.Shape[1], b.Pointer, b.Shape[1], beta, c.Pointer, c.Shape[1], checkFinite);
    }
}
