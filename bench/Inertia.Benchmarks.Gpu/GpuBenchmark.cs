using System.Diagnostics;
using System.Globalization;
using ILGPU;
using ILGPU.Runtime;
using Inertia.Gpu;
using Inertia.Gpu.Training;
using Inertia.Layers;
using Inertia.Losses;
using Inertia.Optimizers;
using Inertia.Tensors;
using Inertia.Training;

namespace Inertia.Benchmarks.Gpu;

/// <summary>
/// GPU step and epoch timings, printed as `name<TAB>milliseconds` lines that bench_torch.py joins
/// with PyTorch's numbers from the same GPU. Wall-clock with a device synchronize around each timed
/// loop (BenchmarkDotNet cannot synchronize a GPU stream), median of repeats after warm-up.
/// </summary>
internal static class GpuBenchmark
{
    public static int Run(GpuContext context, bool quick, int repeats)
    {
        int parameters = quick ? 100_000 : 100_000_000;
        Report("copy_d2d", MeasureCopy(context, parameters, repeats));
        // One host arena per layout, filled once: every optimizer starts from the same values and
        // gradients, and the 100M-float fill is not paid 14 times.
        foreach (int tensors in new[] { 1, 200 })
        {
            var host = RandomArena(parameters, tensors);
            foreach (var (name, factory) in Optimizers())
                Report($"{name}_{tensors}t", MeasureStep(context, factory(), host, repeats));
        }
        foreach (int batch in new[] { 256, 4096 })
            Report($"mlp_epoch_b{batch}", MeasureEpoch(context, batch, quick));
        return 0;
    }

    private static void Report(string name, double milliseconds) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}\t{milliseconds:F4}"));

    private static IEnumerable<(string, Func<Optimizer>)> Optimizers()
    {
        var torch = OptimizerOptions.PyTorch;
        yield return ("sgd", () => new SGD(1e-3, options: torch));
        yield return ("sgd_momentum", () => new SGD(1e-3, momentum: 0.9, options: torch));
        yield return ("sgd_nesterov", () => new SGD(1e-3, momentum: 0.9, nesterov: true, options: torch));
        yield return ("rmsprop", () => new RMSprop(options: torch));
        yield return ("rmsprop_centered_momentum", () => new RMSprop(momentum: 0.9, centered: true, options: torch));
        yield return ("adagrad", () => new Adagrad(options: torch));
        yield return ("adam", () => new Adam(options: torch));
        yield return ("adam_amsgrad", () => new Adam(amsgrad: true, options: torch));
        yield return ("adamw", () => new AdamW(options: torch));
        yield return ("adamax", () => new Adamax(options: torch));
        yield return ("nadam", () => new Nadam(options: torch));
        yield return ("adadelta", () => new Adadelta(options: torch));
        yield return ("radam", () => new RAdam(options: torch));
        yield return ("lion", () => new Lion());
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static double MeasureCopy(GpuContext context, int length, int repeats)
    {
        using var a = context.Accelerator.Allocate1D<float>(length);
        using var b = context.Accelerator.Allocate1D<float>(length);
        a.MemSetToZero();
        var times = new List<double>();
        for (int i = 0; i < repeats + 3; i++)
        {
            context.Synchronize();
            var watch = Stopwatch.StartNew();
            b.View.CopyFrom(a.View);
            context.Synchronize();
            if (i >= 3) times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return Median(times);
    }

    private static ParameterArena RandomArena(int total, int tensors)
    {
        var parameters = Enumerable.Range(0, tensors).Select(i => new Parameter($"p{i}", new Shape(total / tensors))).ToArray();
        var host = new ParameterArena(parameters);
        var random = new Random(1);
        var values = host.Values.Span;
        var gradients = host.Gradients.Span;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(random.NextDouble() - 0.5);
            gradients[i] = (float)(random.NextDouble() - 0.5) * 1e-3f;
        }
        return host;
    }

    private static double MeasureStep(GpuContext context, Optimizer optimizer, ParameterArena host, int repeats)
    {
        using var arena = new GpuArena(context, host);
        arena.UploadGradients();
        using var gpu = new GpuOptimizer(optimizer, arena);
        var times = new List<double>();
        for (int i = 0; i < repeats + 3; i++)
        {
            context.Synchronize();
            var watch = Stopwatch.StartNew();
            gpu.Apply();
            context.Synchronize();
            if (i >= 3) times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return Median(times);
    }

    private static double MeasureEpoch(GpuContext context, int batch, bool quick)
    {
        // --quick only walks the code path (the CPU accelerator simulates every GPU thread): a narrower MLP.
        int rows = quick ? 512 : 60_000, repeats = quick ? 1 : 3, features = quick ? 64 : 784;
        var model = quick
            ? new Sequential([new Dense(32, "relu"), new Dense(16, "relu"), new Dense(10, "softmax")], new Shape(features))
            : new Sequential([new Dense(300, "relu"), new Dense(100, "relu"), new Dense(10, "softmax")], new Shape(features));
        model.Build(seed: 1);
        model.Compile(new SGD(1e-2), new SparseCategoricalCrossentropy());
        var random = new Random(2);
        var x = new Tensor(rows, features);
        var y = new Tensor(rows);
        for (int i = 0; i < x.Span.Length; i++) x.Span[i] = (float)random.NextDouble();
        for (int i = 0; i < rows; i++) y.Span[i] = random.Next(10);
        using var trainer = new GpuTrainer(model, context);
        trainer.Fit(x, y, 1, batch);
        var times = new List<double>();
        for (int i = 0; i < repeats; i++)
        {
            context.Synchronize();
            var watch = Stopwatch.StartNew();
            trainer.Fit(x, y, 1, batch);
            context.Synchronize();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return Median(times);
    }
}
