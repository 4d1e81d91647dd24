namespace Inertia.Benchmarks;

/// <summary>One SGEMM problem: C[m×n] ← op(A)·op(B) with op(A) m×k, op(B) k×n.</summary>
public sealed record GemmShape(string Name, int M, int N, int K, bool TransposeA, bool TransposeB)
{
    /// <summary>Floating-point operations of one product (a multiply-add counts two).</summary>
    public double Flops => 2.0 * M * N * K;

    /// <summary>Square products and the 784-300-100-10 MLP's forward and backward products.</summary>
    public static IEnumerable<GemmShape> All()
    {
        foreach (int size in new[] { 256, 512, 1024 })
            yield return new($"{size}² NN", size, size, size, false, false);
        foreach (int batch in new[] { 32, 256 })
            foreach (var (input, output) in new[] { (784, 300), (300, 100), (100, 10) })
            {
                // Forward X·W, weight gradient Xᵀ·dY, input gradient dY·Wᵀ of a Dense input→output.
                yield return new($"b{batch} X·W {input}x{output}", batch, output, input, false, false);
                yield return new($"b{batch} Xᵀ·dY {input}x{output}", input, output, batch, true, false);
                yield return new($"b{batch} dY·Wᵀ {input}x{output}", batch, input, output, false, true);
            }
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
