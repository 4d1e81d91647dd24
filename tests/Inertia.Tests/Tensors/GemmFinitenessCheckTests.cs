using Inertia.Tensors;

namespace Inertia.Tests.Tensors;

/// <summary>
/// The GEMM that writes a weight gradient also says whether all of C is finite after its write,
/// checked tile by tile as the tiles are written back: the answer must be exactly "every element
/// of C is finite", on every tile (ragged edges and several k-blocks included), on any thread count.
/// </summary>
[Collection(ProcessWideThreadsCollection.Name)]
public class GemmFinitenessCheckTests
{
    public static TheoryData<int, int, int, int> ShapesAndThreads()
    {
        var data = new TheoryData<int, int, int, int>();
        foreach (var (m, n, k) in new[] { (1, 1, 1), (13, 7, 5), (32, 100, 7), (784, 300, 32), (70, 40, 1100), (300, 100, 256), (9, 4, 0) })
            foreach (int threads in new[] { 1, 2 })
                data.Add(m, n, k, threads);
        return data;
    }

    [Theory]
    [MemberData(nameof(ShapesAndThreads))]
    public void The_check_finds_one_non_finite_element_anywhere_in_C_and_leaves_the_product_unchanged(int m, int n, int k, int threads)
    {
        int saved = Parallelism.MaxThreads;
        Parallelism.MaxThreads = threads;
        try
        {
            // C = Aᵀ·dY + C, as the weight gradient is written: A is k×m, dY k×n.
            var a = Random(k, m, 1);
            var dy = Random(k, n, 2);
            var c = Random(m, n, 3);
            var expected = c.Clone();
            Gemm.MatMul(a, dy, expected, transposeA: true, beta: 1f);
            Assert.True(Gemm.MatMulCheckingFinite(a, dy, c, transposeA: true, beta: 1f));
            Assert.Equal(expected.ToArray(), c.ToArray());

            foreach (int at in new[] { 0, m * n / 2, m * n - 1 })
            {
                foreach (float bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
                {
                    var poisoned = Random(m, n, 3);
                    poisoned.Span[at] = bad;
                    Assert.False(Gemm.MatMulCheckingFinite(a, dy, poisoned, transposeA: true, beta: 1f), $"{bad} at {at}");
                }
            }
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    [Fact]
    public void A_non_finite_C_that_beta_zero_overwrites_is_not_reported()
    {
        var a = Random(16, 20, 4);
        var b = Random(16, 24, 5);
        var c = new Tensor(20, 24);
        c.Span.Fill(float.NaN);
        Assert.True(Gemm.MatMulCheckingFinite(a, b, c, transposeA: true));
    }

    [Fact]
    public void A_product_that_overflows_is_reported()
    {
        var a = Random(8, 6, 6);
        var b = Random(8, 10, 7);
        a.Span[2] = 3e38f;
        b.Span.Fill(1e3f);
        var c = new Tensor(6, 10);
        Assert.False(Gemm.MatMulCheckingFinite(a, b, c, transposeA: true));
    }

    private static Tensor Random(int rows, int columns, int seed)
    {
        var random = new Random(seed);
        var t = new Tensor(rows, columns);
        for (int i = 0; i < t.Size; i++) t.Span[i] = (float)(random.NextDouble() * 2 - 1);
        return t;
    }
}
