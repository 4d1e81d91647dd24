using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;
using Inertia.Optimizers;
using Inertia.Tensors;

namespace Inertia.Benchmarks.Optimizers;

/// <summary>
/// One optimizer step (<see cref="Optimizer.Apply"/>, the whole pipeline: finiteness check + fused
/// update) against the minimal fused pass over the same arrays. Short job: the machine has 2 cores
/// and is shared. Run: <c>dotnet run -c Release -- --filter '*OptimizerStep*'</c>.
/// </summary>
[Config(typeof(ShortInProcess))]
public class OptimizerStepBenchmarks
{
    private Optimizer _optimizer = null!;
    private MinimalFusedPass _minimal = null!;

    [Params("sgd", "momentum", "nag", "adagrad", "rmsprop", "adam", "adamax", "nadam", "adamw", "radam", "adadelta", "lion")]
    public string Optimizer { get; set; } = "adam";

    [Params("10M x1", "10M x100", "1M x10")]
    public string Layout { get; set; } = "10M x1";

    [GlobalSetup]
    public void Setup()
    {
        var (total, tensors) = Layout switch
        {
            "10M x1" => (10_000_000, 1),
            "10M x100" => (10_000_000, 100),
            "1M x10" => (1_000_000, 10),
            _ => throw new ArgumentException($"Unknown layout {Layout}."),
        };
        var arena = new ParameterArena(Enumerable.Range(0, tensors).Select(i => new Parameter($"p{i}", new Shape(total / tensors))));
        var random = new Random(1);
        var values = arena.Values.Span;
        var gradients = arena.Gradients.Span;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(random.NextDouble() - 0.5);
            gradients[i] = (float)(random.NextDouble() - 0.5) * 1e-2f;
        }
        _optimizer = OptimizerFactory.Create(Optimizer);
        _optimizer.Build(arena);
        // The ceiling reads and writes as many slot arrays as the optimizer (capped at Adam's two).
        _minimal = new MinimalFusedPass(arena, Math.Min(2, _optimizer.StateBytesPerParameter / sizeof(float)));
    }

    [Benchmark(Baseline = true)]
    public void MinimalPass() => _minimal.Run();

    [Benchmark]
    public StepResult Step() => _optimizer.Apply();

    private sealed class ShortInProcess : ManualConfig
    {
        public ShortInProcess()
        {
            AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithIterationTime(TimeInterval.FromMilliseconds(250)));
        }
    }
}
