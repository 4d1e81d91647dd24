using Inertia.Gpu.Training;
using Inertia.Layers;
using Inertia.Losses;
using Inertia.Optimizers;
using Inertia.Tensors;
using Inertia.Training;

namespace Inertia.Gpu.Tests.Training;

[Collection(CpuAcceleratorCollection.Name)]
public class GpuTrainerTests(CpuAccelerator device)
{
    private static Sequential Model() =>
        new([new Dense(16, "relu"), new BatchNormalization(), new Dense(8, "tanh"), new Dense(3, "softmax")], new Shape(10));

    [Fact]
    public void Mlp_trained_on_the_device_follows_the_cpu_loss_trajectory_and_weights()
    {
        var cpu = Model();
        cpu.Build(seed: 7);
        var gpuModel = Sequential.CloneModel(cpu);
        cpu.Compile(new Adam(0.01), new SparseCategoricalCrossentropy());
        gpuModel.Compile(new Adam(0.01), new SparseCategoricalCrossentropy());
        var random = new Random(3);
        var x = new Tensor(96, 10);
        var y = new Tensor(96);
        for (int r = 0; r < 96; r++)
        {
            for (int j = 0; j < 10; j++) x.Span[r * 10 + j] = (float)(random.NextDouble() * 2 - 1);
            y.Span[r] = x.Span[r * 10] + x.Span[r * 10 + 1] > 0.3f ? 2 : x.Span[r * 10 + 2] > 0 ? 1 : 0;
        }
        using var trainer = new GpuTrainer(gpuModel, device.Context);
        var cpuLosses = new List<float>();
        var gpuLosses = new List<float>();
        for (int epoch = 0; epoch < 4; epoch++)
            for (int start = 0; start < 96; start += 32)
            {
                cpuLosses.Add(cpu.TrainOnBatch(x.SliceRows(start, 32), y.SliceRows(start, 32)));
                gpuLosses.Add(trainer.TrainOnBatch(x.SliceRows(start, 32), y.SliceRows(start, 32)));
            }
        for (int i = 0; i < cpuLosses.Count; i++)
            Assert.True(Math.Abs(cpuLosses[i] - gpuLosses[i]) <= 1e-4f * (1 + cpuLosses[i]), $"step {i}: CPU loss {cpuLosses[i]}, GPU loss {gpuLosses[i]}");
        Assert.True(gpuLosses[^1] < gpuLosses[0] * 0.8f, $"the loss should fall: {gpuLosses[0]} → {gpuLosses[^1]}");
        trainer.CopyToModel();
        var expected = cpu.GetWeights();
        var actual = gpuModel.GetWeights();
        for (int w = 0; w < expected.Count; w++)
            for (int i = 0; i < expected[w].Span.Length; i++)
                Assert.True(Math.Abs(expected[w].Span[i] - actual[w].Span[i]) <= 1e-3f, $"{cpu.WeightNames[w]}[{i}]: {expected[w].Span[i]} vs {actual[w].Span[i]}");
        Assert.Equal(cpu.Optimizer.Iterations, trainer.Optimizer.Iterations);
    }

    [Fact]
    public void Unsupported_layers_and_losses_are_refused_by_name()
    {
        var model = new Sequential([new Dense(4, "gelu"), new Dense(2, "softmax")], new Shape(3));
        model.Build(seed: 1);
        model.Compile(new SGD(), new SparseCategoricalCrossentropy());
        var e = Assert.Throws<NotSupportedException>(() => new GpuTrainer(model, device.Context));
        Assert.Contains("gelu", e.Message);

        var regression = new Sequential([new Dense(1)], new Shape(3));
        regression.Build(seed: 1);
        regression.Compile(new SGD(), new MeanSquaredError());
        Assert.Contains("loss", Assert.Throws<NotSupportedException>(() => new GpuTrainer(regression, device.Context)).Message);
    }
}
