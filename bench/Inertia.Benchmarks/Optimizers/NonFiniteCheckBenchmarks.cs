using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Inertia.Optimizers;
using Inertia.Tensors;

namespace Inertia.Benchmarks.Optimizers;

/// <summary>
/// What the pipeline costs around the fused kernel: Adam's full <see cref="Optimizer.Apply"/> (a
/// read-only finiteness pass over the gradients, then the kernel) against the kernel alone over the
/// same chunks, at 10M parameters.
/// </summary>
[ShortRunJob]
[InProcess]
public class NonFiniteCheckBenchmarks : IParallelWork
{
    private const int ChunkFloats = OptimizerLayout.ChunkFloats;
    private ParameterArena _arena = null!;
    private Adam _adam = null!;
    private AlignedBuffer _m = null!, _v = null!;
    private AdamCoefficients _coefficients;
    private GradientTransform _transform;

    [GlobalSetup]
    public void Setup()
    {
        _arena = new ParameterArena([new Parameter("w", new Shape(10_000_000))]);
        var random = new Random(1);
        foreach (ref float g in _arena.Gradients.Span) g = (float)(random.NextDouble() - 0.5) * 1e-2f;
        _adam = new Adam();
        _adam.Build(_arena);
        _m = _arena.CreateSlot();
        _v = _arena.CreateSlot();
        _coefficients = new AdamCoefficients(0.1f, 0.001f, 1e-3f, 1f, 1e-7f, Amsgrad: false);
        _transform = new GradientTransform(1f, float.PositiveInfinity, 0f, 0f);
    }

    [Benchmark(Baseline = true)]
    public void KernelOnly() => Parallelism.For((_arena.Length + ChunkFloats - 1) / ChunkFloats, this);

    [Benchmark]
    public StepResult ApplyWithCheck() => _adam.Apply();

    public void Execute(int index)
    {
        int start = index * ChunkFloats, length = Math.Min(ChunkFloats, _arena.Length - start);
        UpdateLoop.Run<AdamRule, AdamCoefficients, GradientTransform>(_arena.Values.Slice(start, length), _arena.Gradients.Slice(start, length),
            _m.Slice(start, length), _v.Slice(start, length), default, _transform, _coefficients);
    }
}
