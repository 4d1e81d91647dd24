using Inertia.Gpu.Training;
using Inertia.Layers;
using Inertia.Losses;
using Inertia.Metrics;
using Inertia.Training.Callbacks;
using Inertia.Optimizers;
using Inertia.Tensors;
using Inertia.Training;

namespace Inertia.Gpu.Tests.Training;

[Collection(CpuAcceleratorCollection.Name)]
public class DeviceBackendTests(CpuAccelerator device)
{
    private static Sequential Model(ulong seed)
    {
        var model = new Sequential([new Dense(12, "relu"), new Dense(8, "tanh"), new Dense(3, "softmax")], new Shape(6));
        model.Build(seed);
        return model;
    }

    private static (Tensor X, Tensor Y) Data(int rows, int seed)
    {
        var random = new Random(seed);
        var x = new Tensor(rows, 6);
        var y = new Tensor(rows);
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < 6; j++) x.Span[r * 6 + j] = (float)(random.NextDouble() * 2 - 1);
            y.Span[r] = x.Span[r * 6] - x.Span[r * 6 + 1] > 0.2f ? 2 : x.Span[r * 6 + 3] > 0 ? 1 : 0;
        }
        return (x, y);
    }

    [Fact]
    public void Fit_on_the_device_backend_matches_the_cpu_fit_with_shuffling_validation_metrics_and_callbacks()
    {
        var (x, y) = Data(120, 5);
        var cpu = Model(11);
        var gpu = Model(11);
        cpu.Compile(new Adam(0.01), new SparseCategoricalCrossentropy(), new SparseCategoricalAccuracy("accuracy"));
        gpu.Compile(new Adam(0.01), new SparseCategoricalCrossentropy(), new SparseCategoricalAccuracy("accuracy"));
        using var trainer = gpu.UseDevice(device.Context);
        Assert.Same(trainer, gpu.Backend);
        var cpuBatches = new List<double>();
        var gpuBatches = new List<double>();
        var cpuHistory = cpu.Fit(x, y, epochs: 3, batchSize: 16, validationSplit: 0.25, verbose: 0, seed: 9,
            callbacks: [new LambdaCallback(onBatchEnd: (_, logs) => cpuBatches.Add(logs.BatchLoss))]);
        var gpuHistory = gpu.Fit(x, y, epochs: 3, batchSize: 16, validationSplit: 0.25, verbose: 0, seed: 9,
            callbacks: [new LambdaCallback(onBatchEnd: (_, logs) => gpuBatches.Add(logs.BatchLoss))]);

        Assert.Equal(cpuBatches.Count, gpuBatches.Count);
        for (int i = 0; i < cpuBatches.Count; i++)
            Assert.True(Math.Abs(cpuBatches[i] - gpuBatches[i]) <= 1e-4, $"batch {i}: CPU loss {cpuBatches[i]}, device loss {gpuBatches[i]}");
        foreach (string key in new[] { "loss", "val_loss", "accuracy", "val_accuracy", "learning_rate" })
        {
            var expected = cpuHistory[key];
            var actual = gpuHistory[key];
            Assert.Equal(3, actual.Count);
            for (int e = 0; e < 3; e++)
                Assert.True(Math.Abs(expected[e] - actual[e]) <= 1e-4, $"{key} of epoch {e}: CPU {expected[e]}, device {actual[e]}");
        }
        Assert.Equal(cpu.Optimizer.Iterations, trainer!.Iterations);
        var cpuOut = cpu.Predict(x);
        var gpuOut = gpu.Predict(x);
        for (int i = 0; i < cpuOut.Span.Length; i++)
            Assert.True(Math.Abs(cpuOut.Span[i] - gpuOut.Span[i]) <= 1e-3f, $"output {i}: CPU {cpuOut.Span[i]}, device {gpuOut.Span[i]}");
    }

    [Fact]
    public void Disposing_the_trainer_copies_the_weights_back_and_returns_the_model_to_the_cpu_engine()
    {
        var (x, y) = Data(32, 2);
        var model = Model(3);
        model.Compile(new SGD(0.1), new SparseCategoricalCrossentropy());
        var before = model.GetWeights()[0].Span.ToArray();
        using (var trainer = model.UseDevice(device.Context))
        {
            model.TrainOnBatch(x, y);
            Assert.Throws<InvalidOperationException>(() => model.SetWeights(model.GetWeights()));
        }
        Assert.Null(model.Backend);
        Assert.NotEqual(before, model.GetWeights()[0].Span.ToArray());
        model.TrainOnBatch(x, y);
    }

    [Theory]
    [InlineData("adam")]
    [InlineData("nadam")]
    [InlineData("rmsprop")]
    public void A_model_training_on_the_device_saves_its_optimizer_state_and_resumes_on_the_cpu(string optimizer)
    {
        var (x, y) = Data(64, 4);
        var cpu = Model(5);
        var gpu = Model(5);
        cpu.Compile(OptimizerFactory.Create(optimizer), new SparseCategoricalCrossentropy());
        gpu.Compile(OptimizerFactory.Create(optimizer), new SparseCategoricalCrossentropy());
        using var file = new MemoryStream();
        using (gpu.UseDevice(device.Context))
        {
            for (int step = 0; step < 4; step++) gpu.TrainOnBatch(x, y);
            gpu.Save(file);
        }
        for (int step = 0; step < 4; step++) cpu.TrainOnBatch(x, y);
        file.Position = 0;
        var resumed = Sequential.Load(file, "device checkpoint");

        Assert.Equal(cpu.Optimizer.Iterations, resumed.Optimizer.Iterations);
        foreach (var slot in cpu.Optimizer.Slots)
            for (int p = 0; p < cpu.Arena.Parameters.Count; p++)
            {
                var expected = cpu.Optimizer.GetSlot(cpu.Arena.Parameters[p], slot.Name).ToArray();
                var actual = resumed.Optimizer.GetSlot(resumed.Arena.Parameters[p], slot.Name).ToArray();
                for (int i = 0; i < expected.Length; i++)
                    Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6 + 1e-3 * Math.Abs(expected[i]),
                        $"{optimizer} slot {slot.Name} of {cpu.Arena.Parameters[p].Name}[{i}]: CPU {expected[i]}, device {actual[i]}");
            }
        // The next step on the CPU continues the device's run (Nadam also needs its momentum product).
        float cpuLoss = cpu.TrainOnBatch(x, y), resumedLoss = resumed.TrainOnBatch(x, y);
        Assert.True(Math.Abs(cpuLoss - resumedLoss) <= 1e-4, $"{optimizer}: CPU loss {cpuLoss}, resumed {resumedLoss}");
        var cpuWeights = cpu.Arena.Values.Span.ToArray();
        var resumedWeights = resumed.Arena.Values.Span.ToArray();
        for (int i = 0; i < cpuWeights.Length; i++)
            Assert.True(Math.Abs(cpuWeights[i] - resumedWeights[i]) <= 1e-4, $"{optimizer} weight {i}: CPU {cpuWeights[i]}, resumed {resumedWeights[i]}");
    }

    [Fact]
    public void Compile_with_a_device_refuses_unsupported_layers_and_losses_by_name()
    {
        var dropout = new Sequential([new Dense(4, "relu"), new Dropout(0.5f, name: "drop"), new Dense(2, "softmax")], new Shape(3));
        var e = Assert.Throws<NotSupportedException>(() => dropout.UseDeviceAfterCompile(device.Context, new SparseCategoricalCrossentropy()));
        Assert.Contains("drop", e.Message);
        Assert.Contains("Dropout", e.Message);
        Assert.Null(dropout.Backend);

        var regression = new Sequential([new Dense(1)], new Shape(3));
        var l = Assert.Throws<NotSupportedException>(() => regression.UseDeviceAfterCompile(device.Context, new Inertia.Losses.MeanSquaredError()));
        Assert.Contains("mean_squared_error", l.Message);
    }

    [Fact]
    public void Cpu_device_keeps_the_cpu_engine_and_cuda_without_a_gpu_is_refused()
    {
        var model = Model(1);
        Assert.Null(model.Compile(new SGD(), new SparseCategoricalCrossentropy(), Device.Cpu));
        Assert.Null(model.Backend);
        using var auto = GpuContext.Open(Device.Auto);
        if (auto is null)
            Assert.Throws<CudaUnavailableException>(() => model.UseDevice(Device.Cuda));
    }
}

internal static class CompileOnDevice
{
    public static GpuTrainer UseDeviceAfterCompile(this Sequential model, GpuContext context, Loss loss)
    {
        model.Compile(new SGD(), loss);
        return model.UseDevice(context);
    }
}
