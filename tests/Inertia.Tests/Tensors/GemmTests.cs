using Inertia.Tensors;

namespace Inertia.Tests.Tensors;

[Collection(ProcessWideThreadsCollection.Name)]
public unsafe class GemmTests
{
    public static TheoryData<string> Kernels() => new(SupportedKernels());

    private static string[] SupportedKernels() =>
        Enum.GetValues<GemmKernelKind>().Where(GemmKernels.IsSupported).Select(k => k.ToString()).ToArray();

    public static TheoryData<string, int, int, int, bool, bool> ShapesOnEveryKernel()
    {
        (int m, int n, int k)[] shapes =
        [
            (1, 1, 1), (7, 13, 5), (257, 129, 65), (33, 1, 17), (1, 33, 17), (6, 16, 256),
            (12, 32, 257), (70, 40, 600), (32, 300, 784), (37, 45, 1500), (5, 3, 0),
        ];
        var data = new TheoryData<string, int, int, int, bool, bool>();
        foreach (var kernel in SupportedKernels())
            foreach (var (m, n, k) in shapes)
                foreach (bool ta in new[] { false, true })
                    foreach (bool tb in new[] { false, true })
                        data.Add(kernel, m, n, k, ta, tb);
        return data;
    }

    [Theory]
    [MemberData(nameof(ShapesOnEveryKernel))]
    public void Multiply_matches_a_double_precision_triple_loop(string kernel, int m, int n, int k, bool transposeA, bool transposeB)
    {
        var p = Problem.Random(m, n, k, transposeA, transposeB, padding: 0, seed: m * 7919 + n * 31 + k);
        p.Run(Enum.Parse<GemmKernelKind>(kernel), alpha: 1f, beta: 0f);
        p.AssertMatchesReference(alpha: 1f, beta: 0f);
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Multiply_applies_alpha_and_beta_with_strided_rows(string kernel)
    {
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
                foreach (var (alpha, beta) in new[] { (1f, 1f), (-0.5f, 2f), (2.5f, 0f), (1f, -1f) })
                {
                    var p = Problem.Random(37, 45, 29, ta, tb, padding: 5, seed: 11);
                    p.Run(Enum.Parse<GemmKernelKind>(kernel), alpha, beta);
                    p.AssertMatchesReference(alpha, beta);
                    p.AssertPaddingUntouched();
                }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Beta_zero_ignores_NaN_in_C(string kernel)
    {
        var p = Problem.Random(19, 23, 300, false, true, padding: 3, seed: 5);
        Array.Fill(p.C, float.NaN);
        p.Run(Enum.Parse<GemmKernelKind>(kernel), alpha: 1f, beta: 0f);
        for (int i = 0; i < 19; i++)
            for (int j = 0; j < 23; j++)
                Assert.False(float.IsNaN(p.C[i * p.Ldc + j]), $"C[{i},{j}] kept the old NaN");
    }

    [Fact]
    public void Alpha_zero_scales_C_by_beta_without_reading_A_or_B()
    {
        var p = Problem.Random(4, 5, 6, false, false, padding: 0, seed: 3);
        Array.Fill(p.A, float.NaN);
        var before = (float[])p.C.Clone();
        p.Run(GemmKernels.Best, alpha: 0f, beta: 3f);
        for (int i = 0; i < before.Length; i++) Assert.Equal(3f * before[i], p.C[i]);
    }

    [Fact]
    public void Empty_k_gives_beta_times_C_and_zero_for_beta_zero()
    {
        var p = Problem.Random(3, 4, 0, false, false, padding: 0, seed: 1);
        Array.Fill(p.C, float.NaN);
        p.Run(GemmKernels.Best, alpha: 1f, beta: 0f);
        Assert.All(p.C, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Tall_problems_are_split_into_row_chunks_without_changing_results()
    {
        // m·k exceeds the packed-A budget (4M floats), so the driver runs two row chunks.
        var p = Problem.Random(900, 9, 4700, true, false, padding: 0, seed: 8);
        p.Run(GemmKernels.Best, alpha: 1f, beta: 0f);
        p.AssertMatchesReference(alpha: 1f, beta: 0f);
    }

    [Theory]
    [InlineData(1024, 1024, 1024, false, false)]
    [InlineData(32, 300, 784, false, false)]
    [InlineData(784, 300, 32, true, false)]
    [InlineData(32, 784, 300, false, true)]
    [InlineData(300, 100, 256, true, true)]
    [InlineData(2000, 10, 100, false, false)]
    [InlineData(256, 300, 1500, true, false)]
    [InlineData(256, 300, 784, false, false)]
    [InlineData(784, 100, 256, true, false)]
    [InlineData(256, 100, 10, false, true)]
    [InlineData(300, 100, 32, true, false)]
    public void Results_are_bitwise_identical_with_one_or_two_threads(int m, int n, int k, bool transposeA, bool transposeB)
    {
        int saved = Parallelism.MaxThreads;
        try
        {
            var one = Problem.Random(m, n, k, transposeA, transposeB, padding: 0, seed: 42);
            var two = Problem.Random(m, n, k, transposeA, transposeB, padding: 0, seed: 42);
            Parallelism.MaxThreads = 1;
            one.Run(GemmKernels.Best, alpha: 1f, beta: 0.5f);
            Parallelism.MaxThreads = 2;
            two.Run(GemmKernels.Best, alpha: 1f, beta: 0.5f);
            Assert.Equal(one.C, two.C);
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    [Fact]
    public void A_row_of_C_does_not_depend_on_the_other_rows_in_the_batch()
    {
        var batch = Problem.Random(32, 300, 784, false, false, padding: 0, seed: 9);
        batch.Run(GemmKernels.Best, alpha: 1f, beta: 0f);
        var single = new float[300];
        fixed (float* a = batch.A, b = batch.B, c = single)
            Gemm.Multiply(false, false, 1, 300, 784, 1f, a + 17 * 784, 784, b, 300, 0f, c, 300);
        Assert.Equal(batch.C.AsSpan(17 * 300, 300).ToArray(), single);
    }

    public static TheoryData<string> KernelsReadingAInPlace() =>
        new(SupportedKernels().Where(k => GemmDirectA.Supports(Enum.Parse<GemmKernelKind>(k))).ToArray());

    [Theory]
    [MemberData(nameof(KernelsReadingAInPlace))]
    public void Reading_a_short_A_in_place_gives_the_bits_of_the_packed_copy(string kernel)
    {
        // 262 rows are packed, their first 32 read in place: same kernel arithmetic, same bits.
        var kind = Enum.Parse<GemmKernelKind>(kernel);
        foreach (bool tb in new[] { false, true })
        {
            var tall = Problem.Random(GemmDriver.DirectAMaxRows + 6, 300, 784, false, tb, padding: 3, seed: 31);
            tall.Run(kind, alpha: 1f, beta: 0f);
            var shortC = new float[32 * tall.Ldc];
            fixed (float* a = tall.A, b = tall.B, c = shortC)
                Gemm.Multiply(kind, false, tb, 32, 300, 784, 1f, a, tall.Lda, b, tall.Ldb, 0f, c, tall.Ldc);
            for (int i = 0; i < 32; i++)
                Assert.Equal(tall.C.AsSpan(i * tall.Ldc, 300).ToArray(), shortC.AsSpan(i * tall.Ldc, 300).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(KernelsReadingAInPlace))]
    public void Reading_a_transposed_A_in_place_gives_the_bits_of_the_packed_copy(string kernel)
    {
        // Aᵀ over a short batch (k = 32, read in place) against the same matrix stored
        // untransposed (784 rows, packed), including an edge panel (784 = 130·6 + 4).
        var kind = Enum.Parse<GemmKernelKind>(kernel);
        const int m = 784, n = 300, k = 32;
        var p = Problem.Random(m, n, k, true, false, padding: 0, seed: 17);
        p.Run(kind, alpha: 1f, beta: 0f);
        var untransposed = new float[m * k];
        for (int i = 0; i < m; i++)
            for (int q = 0; q < k; q++)
                untransposed[i * k + q] = p.A[q * m + i];
        var packedC = new float[m * n];
        fixed (float* a = untransposed, b = p.B, c = packedC)
            Gemm.Multiply(kind, false, false, m, n, k, 1f, a, k, b, n, 0f, c, n);
        Assert.Equal(packedC, p.C);
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void An_edge_tile_gives_the_bits_of_a_full_one(string kernel)
    {
        // The same A, B and C memory multiplied twice: as a 42-row product with whole panels
        // of columns, and cut short to end in a ragged tile: one, two or four rows in the last
        // row panel (the AVX2 path's two-row kernel, or its 6-row kernel's partial write-back),
        // 12, 13 or 7 columns in the last column panel. Ragged and whole groups of B panels, B read
        // in place and packed, blending with β and, past k = 1024, a second k-block.
        var kind = Enum.Parse<GemmKernelKind>(kernel);
        const int tall = 42;
        foreach (int rows in new[] { 37, 38, 40 })
            foreach (int n in new[] { 300, 45, 7 })
                foreach (int k in new[] { 30, 1100 })
                    foreach (bool ta in new[] { false, true })
                        foreach (bool tb in new[] { false, true })
                        {
                            int wide = (n + 15) / 16 * 16;
                            var random = new Random(rows * 1000 + n + k);
                            float[] a = Random(tall * k, random), b = Random(k * wide, random), c = Random(tall * wide, random);
                            float[] full = (float[])c.Clone(), cut = (float[])c.Clone();
                            int lda = ta ? tall : k, ldb = tb ? k : wide;
                            fixed (float* pa = a, pb = b, pf = full, pc = cut)
                            {
                                Gemm.Multiply(kind, ta, tb, tall, wide, k, 1.5f, pa, lda, pb, ldb, 0.3f, pf, wide);
                                Gemm.Multiply(kind, ta, tb, rows, n, k, 1.5f, pa, lda, pb, ldb, 0.3f, pc, wide);
                            }
                            for (int i = 0; i < tall; i++)
                                for (int j = 0; j < wide; j++)
                                    Assert.Equal(i < rows && j < n ? full[i * wide + j] : c[i * wide + j], cut[i * wide + j]);
                        }
    }

    private static float[] Random(int length, Random random)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }

    [Fact]
    public void A_column_of_C_does_not_depend_on_how_wide_its_tile_is()
    {
        // n = 48 ends in a 16-column tile (the narrow AVX-512 kernel); the same B columns as
        // columns 16..32 of an n = 32 product run the full-width tile. Both must give the same bits.
        var p = Problem.Random(37, 48, 300, false, false, padding: 0, seed: 21);
        p.Run(GemmKernels.Best, alpha: 1f, beta: 0f);
        var shifted = new float[37 * 32];
        fixed (float* a = p.A, b = p.B, c = shifted)
            Gemm.Multiply(false, false, 37, 32, 300, 1f, a, 300, b + 16, 48, 0f, c, 32);
        for (int i = 0; i < 37; i++)
            Assert.Equal(p.C.AsSpan(i * 48 + 32, 16).ToArray(), shifted.AsSpan(i * 32 + 16, 16).ToArray());
    }

    [Fact]
    public void A_warm_multiply_allocates_nothing()
    {
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = 2;
            var shapes = new[] { Problem.Random(256, 256, 256, false, false, 0, 1), Problem.Random(32, 784, 300, false, true, 0, 2), Problem.Random(7, 13, 5, true, true, 0, 3) };
            foreach (var p in shapes) p.Run(GemmKernels.Best, 1f, 0f);
            Assert.Equal(0, ThreadAllocations.During(() =>
            {
                foreach (var p in shapes) p.Run(GemmKernels.Best, 1f, 0f);
            }));
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    [Fact]
    public void A_stride_shorter_than_a_row_is_rejected_by_name()
    {
        var buffer = new float[64];
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            fixed (float* p = buffer)
                Gemm.Multiply(false, false, 2, 3, 4, 1f, p, 3, p, 3, 0f, p, 3);
        });
        Assert.Equal("lda", e.ParamName);
    }

    /// <summary>A random problem with row strides <c>padding</c> floats longer than the rows.</summary>
    private sealed class Problem
    {
        private readonly float[] _cBefore;
        private readonly int _m, _n, _k;
        private readonly bool _ta, _tb;

        private Problem(int m, int n, int k, bool ta, bool tb, int padding, Random random)
        {
            (_m, _n, _k, _ta, _tb) = (m, n, k, ta, tb);
            Lda = (ta ? m : k) + padding;
            Ldb = (tb ? k : n) + padding;
            Ldc = n + padding;
            A = Fill(new float[Math.Max(1, (ta ? k : m) * Lda)], random);
            B = Fill(new float[Math.Max(1, (tb ? n : k) * Ldb)], random);
            C = Fill(new float[Math.Max(1, m * Ldc)], random);
            _cBefore = (float[])C.Clone();
        }

        public float[] A { get; }
        public float[] B { get; }
        public float[] C { get; }
        public int Lda { get; }
        public int Ldb { get; }
        public int Ldc { get; }

        public static Problem Random(int m, int n, int k, bool ta, bool tb, int padding, int seed) =>
            new(m, n, k, ta, tb, padding, new Random(seed));

        public void Run(GemmKernelKind kernel, float alpha, float beta)
        {
            fixed (float* a = A, b = B, c = C)
                Gemm.Multiply(kernel, _ta, _tb, _m, _n, _k, alpha, a, Lda, b, Ldb, beta, c, Ldc);
        }

        public void AssertMatchesReference(float alpha, float beta)
        {
            for (int i = 0; i < _m; i++)
                for (int j = 0; j < _n; j++)
                {
                    double sum = 0, magnitude = 0;
                    for (int p = 0; p < _k; p++)
                    {
                        double x = _ta ? A[p * Lda + i] : A[i * Lda + p];
                        double y = _tb ? B[j * Ldb + p] : B[p * Ldb + j];
                        sum += x * y;
                        magnitude += Math.Abs(x * y);
                    }
                    double old = beta == 0f ? 0 : beta * (double)_cBefore[i * Ldc + j];
                    double expected = alpha * sum + old;
                    double tolerance = 1e-6 * (Math.Abs(alpha) * magnitude * 4 + Math.Abs(old)) + 1e-7;
                    double actual = C[i * Ldc + j];
                    Assert.True(Math.Abs(actual - expected) <= tolerance,
                        $"C[{i},{j}] = {actual}, expected {expected} (±{tolerance}) for {_m}×{_n}×{_k}, transA={_ta}, transB={_tb}");
                }
        }

        public void AssertPaddingUntouched()
        {
            for (int i = 0; i < _m; i++)
                for (int j = _n; j < Ldc && i * Ldc + j < C.Length; j++)
                    Assert.Equal(_cBefore[i * Ldc + j], C[i * Ldc + j]);
        }

        private static float[] Fill(float[] values, Random random)
        {
            for (int i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
            return values;
        }
    }
}
