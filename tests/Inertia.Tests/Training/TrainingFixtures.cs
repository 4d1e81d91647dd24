using Inertia.Data;
using Inertia.Layers;
using Inertia.Losses;
using Inertia.Optimizers;
using Inertia.Tensors;
using Inertia.Training;

namespace Inertia.Tests.Training;

/// <summary>Small models and generated problems shared by the training tests.</summary>
internal static class TrainingFixtures
{
    /// <summary>y = 0.5·x0 − x1 + x2·x3 + 0.3: needs the hidden layer for the product term.</summary>
    public static (Tensor X, Tensor Y) Regression(int samples, ulong seed)
    {
        var random = new SeededRandom(seed);
        var x = new Tensor(samples, 4);
        var y = new Tensor(samples, 1);
        for (int i = 0; i < samples; i++)
        {
            for (int j = 0; j < 4; j++) x[i, j] = (float)(random.NextDouble() * 2 - 1);
            y[i, 0] = 0.5f * x[i, 0] - x[i, 1] + x[i, 2] * x[i, 3] + 0.3f;
        }
        return (x, y);
    }

    public static Sequential Mlp(ulong seed = 7, int hidden = 16)
    {
        var model = new Sequential(new Shape(4));
        model.Add(new Dense(hidden, "relu"));
        model.Add(new Dense(1));
        model.Build(seed);
        return model;
    }

    public static Sequential CompiledMlp(ulong seed = 7, double learningRate = 0.05)
    {
        var model = Mlp(seed);
        model.Compile(new SGD(learningRate), new MeanSquaredError());
        return model;
    }

    public static float[] Weights(Sequential model) => model.Arena.Values.Span.ToArray();

    public static void AssertBitwiseEqual(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                Assert.Fail($"Element {i} differs: {expected[i]:R} vs {actual[i]:R}.");
    }
}
