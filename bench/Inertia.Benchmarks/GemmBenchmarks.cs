using BenchmarkDotNet.Attributes;
using Inertia.Tensors;

namespace Inertia.Benchmarks;

/// <summary>SGEMM throughput of <see cref="Gemm.Multiply"/>; the GFLOP/s column divides the shape's flops by the mean.</summary>
[Config(typeof(GemmBenchmarkConfig))]
public unsafe class GemmBenchmarks
{
    private AlignedBuffer _a = null!, _b = null!, _c = null!;

    /// <summary>The problem measured.</summary>
    [ParamsSource(nameof(Shapes))]
    public GemmShape Shape { get; set; } = null!;

    /// <summary>Every shape of <see cref="GemmShape.All"/>.</summary>
    public static IEnumerable<GemmShape> Shapes() => GemmShape.All();

    /// <summary>Fills A and B with seeded values in [-1, 1).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _a = Filled(Shape.M * Shape.K, random);
        _b = Filled(Shape.K * Shape.N, random);
        _c = new AlignedBuffer(Shape.M * Shape.N);
    }

    /// <summary>C ← op(A)·op(B).</summary>
    [Benchmark]
    public void Multiply()
    {
        var s = Shape;
        Gemm.Multiply(s.TransposeA, s.TransposeB, s.M, s.N, s.K, 1f,
            _a.Pointer, s.TransposeA ? s.M : s.K, _b.Pointer, s.TransposeB ? s.K : s.N, 0f, _c.Pointer, s.N);
    }

    private static AlignedBuffer Filled(int length, Random random)
    {
        var buffer = new AlignedBuffer(length);
        for (int i = 0; i < length; i++) buffer.Span[i] = (float)(random.NextDouble() * 2 - 1);
        return buffer;
    }
}
