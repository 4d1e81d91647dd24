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
    /// contents (NaN included). The memory must stay pinned during the call.
    /// </summary>
    public static void Multiply(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc)
    {
        // Reference implementation; replaced by the blocked, vectorized kernel.
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float sum = 0f;
                for (int p = 0; p < k; p++)
                {
                    float x = transposeA ? a[p * lda + i] : a[i * lda + p];
                    float y = transposeB ? b[j * ldb + p] : b[p * ldb + j];
                    sum += x * y;
                }
                float* dst = c + i * ldc + j;
                *dst = beta == 0f ? alpha * sum : alpha * sum + beta * *dst;
            }
    }

    /// <summary>
    /// C ← α·op(A)·op(B) + β·C on rank-2 tensors.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not chain; the message names all three.</exception>
    public static void MatMul(Tensor a, Tensor b, Tensor c, bool transposeA = false, bool transposeB = false,
        float alpha = 1f, float beta = 0f)
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
        if (m == 0 || n == 0) return;
        Multiply(transposeA, transposeB, m, n, k, alpha, a.Pointer, a.Shape[1], b.Pointer, b.Shape[1], beta, c.Pointer, c.Shape[1]);
    }
}
