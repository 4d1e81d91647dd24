using System.Globalization;
using Inertia.Gpu;
using Inertia.Gpu.Training;
using Inertia.Layers;
using Inertia.Losses;
using Inertia.Metrics;
using Inertia.Optimizers;
using Inertia.Tensors;
using Inertia.Training;
using Inertia.Training.Callbacks;

namespace Inertia.Benchmarks.Gpu;

/// <summary>
/// Trains the same MLPs from the same seed with <c>Sequential.Fit</c> on the CPU engine and with the
/// device backend attached (as tests/Inertia.Gpu.Tests' DeviceBackendTests and GpuTrainerTests do),
/// and holds the device to the tests' tolerances: batch and epoch losses within 1e-4, final weights
/// within 1e-3, the same number of steps, and a loss that falls. Accuracies are printed, not judged:
/// on thousands of rows one prediction at a class boundary may flip under another summation order.
/// </summary>
internal static class TrainingCheck
{
    private const double LossTolerance = 1e-4;
    private const double WeightTolerance = 1e-3;

    private sealed record Case(string Name, int Features, Func<Layer[]> Layers, Func<Optimizer> Optimizer, int Rows, int Batch, int Epochs);

    public static bool Run(GpuContext context, bool quick)
    {
        bool ok = true;
        foreach (var mlp in Cases(quick))
        {
            try
            {
                ok &= Train(context, mlp);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Console.WriteLine($"mlp {mlp.Name}: FAIL {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
                Console.WriteLine(e.StackTrace);
                ok = false;
            }
        }
        return ok;
    }

    private static IEnumerable<Case> Cases(bool quick)
    {
        // The tests' model: batch normalization between a relu and a tanh layer, softmax fused into the loss.
        yield return quick
            ? new Case("dense-relu/batchnorm/dense-tanh/dense-softmax", 10,
                () => [new Dense(16, "relu"), new BatchNormalization(), new Dense(8, "tanh"), new Dense(3, "softmax")],
                () => new Adam(0.01), Rows: 128, Batch: 32, Epochs: 3)
            : new Case("dense-relu/batchnorm/dense-tanh/dense-softmax", 32,
                () => [new Dense(64, "relu"), new BatchNormalization(), new Dense(32, "tanh"), new Dense(3, "softmax")],
                () => new Adam(0.01), Rows: 1024, Batch: 64, Epochs: 4);
        // The benchmark's MNIST-shaped MLP: GEMMs large enough for cuBLAS (or the tiled kernel) to tile.
        yield return quick
            ? new Case("784-300-100-10 shape, reduced", 40,
                () => [new Dense(36, "relu"), new Dense(20, "relu"), new Dense(10, "softmax")],
                () => new Adam(1e-3), Rows: 128, Batch: 64, Epochs: 2)
            : new Case("784-300-100-10", 784,
                () => [new Dense(300, "relu"), new Dense(100, "relu"), new Dense(10, "softmax")],
                () => new Adam(1e-3), Rows: 4096, Batch: 256, Epochs: 3);
    }

    private static bool Train(GpuContext context, Case mlp)
    {
        var (x, y) = Data(mlp.Rows, mlp.Features, seed: 3);
        var cpu = Build(mlp);
        var device = Build(mlp);
        using var trainer = device.UseDevice(context);
        var cpuBatches = new List<double>();
        var deviceBatches = new List<double>();
        var cpuHistory = Fit(cpu, x, y, mlp, cpuBatches);
        var deviceHistory = Fit(device, x, y, mlp, deviceBatches);

        Console.WriteLine($"mlp {mlp.Name}: {mlp.Epochs} epochs of {mlp.Rows} rows ({mlp.Features} features, 25% for validation) at batch {mlp.Batch}, "
            + $"{cpu.Optimizer!.GetType().Name}, seed 7, on the device and on the CPU engine");
        bool ok = true;
        ok &= Judge("batch loss", MaxDifference(cpuBatches, deviceBatches), LossTolerance);
        ok &= Judge("epoch loss", MaxDifference(cpuHistory["loss"], deviceHistory["loss"]), LossTolerance);
        ok &= Judge("epoch val_loss", MaxDifference(cpuHistory["val_loss"], deviceHistory["val_loss"]), LossTolerance);
        ok &= Judge("final weights", MaxDifference(cpu.GetWeights(), device.GetWeights()), WeightTolerance);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  info  epoch accuracy max |cpu - device| {MaxDifference(cpuHistory["accuracy"], deviceHistory["accuracy"]):0.00E+00}, val_accuracy {MaxDifference(cpuHistory["val_accuracy"], deviceHistory["val_accuracy"]):0.00E+00}"));
        var losses = deviceHistory["loss"];
        bool falls = losses[^1] < losses[0];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {(falls ? "pass" : "FAIL")}  device epoch loss falls: {string.Join(" → ", losses.Select(l => l.ToString("F5", CultureInfo.InvariantCulture)))}"));
        bool steps = cpu.Optimizer.Iterations == trainer.Iterations;
        Console.WriteLine($"  {(steps ? "pass" : "FAIL")}  optimizer steps: CPU {cpu.Optimizer.Iterations}, device {trainer.Iterations}");
        return ok && falls && steps;
    }

    private static Sequential Build(Case mlp)
    {
        var model = new Sequential(mlp.Layers(), new Shape(mlp.Features));
        model.Build(seed: 7);
        model.Compile(mlp.Optimizer(), new SparseCategoricalCrossentropy(), new SparseCategoricalAccuracy("accuracy"));
        return model;
    }

    private static History Fit(Sequential model, Tensor x, Tensor y, Case mlp, List<double> batchLosses) =>
        model.Fit(x, y, epochs: mlp.Epochs, batchSize: mlp.Batch, validationSplit: 0.25, verbose: 0, seed: 9,
            callbacks: [new LambdaCallback(onBatchEnd: (_, logs) => batchLosses.Add(logs.BatchLoss))]);

    /// <summary>Three classes from a few input coordinates, the rest noise (the tests' rule, widened).</summary>
    private static (Tensor X, Tensor Y) Data(int rows, int features, int seed)
    {
        var random = new Random(seed);
        var x = new Tensor(rows, features);
        var y = new Tensor(rows);
        for (int r = 0; r < rows; r++)
        {
            var row = x.Span.Slice(r * features, features);
            for (int j = 0; j < features; j++) row[j] = (float)(random.NextDouble() * 2 - 1);
            y.Span[r] = row[0] + row[1] > 0.3f ? 2 : row[2] > 0 ? 1 : 0;
        }
        return (x, y);
    }

    private static bool Judge(string what, double difference, double tolerance)
    {
        bool ok = difference <= tolerance;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {(ok ? "pass" : "FAIL")}  {what} max |cpu - device| {difference:0.00E+00} (tolerance {tolerance:0E+00})"));
        return ok;
    }

    private static double MaxDifference(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        if (expected.Count != actual.Count) return double.PositiveInfinity;
        double worst = 0;
        for (int i = 0; i < expected.Count; i++) worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
        return worst;
    }

    private static double MaxDifference(IReadOnlyList<Tensor> expected, IReadOnlyList<Tensor> actual)
    {
        if (expected.Count != actual.Count) return double.PositiveInfinity;
        double worst = 0;
        for (int w = 0; w < expected.Count; w++)
        {
            var e = expected[w].Span;
            var a = actual[w].Span;
            if (e.Length != a.Length) return double.PositiveInfinity;
            for (int i = 0; i < e.Length; i++) worst = Math.Max(worst, Math.Abs(e[i] - a[i]));
        }
        return worst;
    }
}
