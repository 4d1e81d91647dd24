using ILGPU;
using ILGPU.Runtime;
using Inertia.Gpu.Training;
using Inertia.Tensors;

namespace Inertia.Gpu.Tests.Kernels;

[Collection(CpuAcceleratorCollection.Name)]
public class GemmTests(CpuAccelerator device)
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(7, 5, 3)]
    [InlineData(17, 13, 29)]
    [InlineData(33, 9, 70)]
    public void Tiled_sgemm_matches_the_cpu_gemm_on_odd_shapes_for_every_transpose(int m, int n, int k)
    {
        var context = device.Context;
        Assert.False(context.UsesCublas);
        var random = new Random(m * 1000 + n * 10 + k);
        foreach (bool transA in new[] { false, true })
            foreach (bool transB in new[] { false, true })
            {
                var a = Random(random, transA ? new Shape(k, m) : new Shape(m, k));
                var b = Random(random, transB ? new Shape(n, k) : new Shape(k, n));
                var c = Random(random, new Shape(m, n));
                var expected = c.Clone();
                Gemm.MatMul(a, b, expected, transA, transB, 0.75f, 0.5f);
                using var da = context.Accelerator.Allocate1D(a.Span.ToArray());
                using var db = context.Accelerator.Allocate1D(b.Span.ToArray());
                using var dc = context.Accelerator.Allocate1D(c.Span.ToArray());
                GpuGemm.Multiply(context, transA, transB, m, n, k, 0.75f, da.View, transA ? m : k, db.View, transB ? k : n, 0.5f, dc.View, n);
                var actual = dc.GetAsArray1D();
                for (int i = 0; i < actual.Length; i++)
                    Assert.True(Math.Abs(actual[i] - expected.Span[i]) <= 1e-5f * (1 + Math.Abs(expected.Span[i])),
                        $"transA {transA}, transB {transB}, element {i}: {actual[i]} vs {expected.Span[i]}");
            }
    }

    [Fact]
    public void Gemm_rejects_a_view_too_short_for_its_matrix()
    {
        var context = device.Context;
        using var small = context.Accelerator.Allocate1D<float>(5);
        var e = Assert.Throws<ArgumentException>(() =>
            GpuGemm.Multiply(context, false, false, 3, 3, 3, 1f, small.View, 3, small.View, 3, 0f, small.View, 3));
        Assert.Contains("needs 9 floats", e.Message);
    }

    private static Tensor Random(Random random, Shape shape)
    {
        var t = new Tensor(shape);
        for (int i = 0; i < t.Span.Length; i++) t.Span[i] = (float)(random.NextDouble() * 2 - 1);
        return t;
    }
}
