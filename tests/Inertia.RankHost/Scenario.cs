using Inertia.Data;
using Inertia.Layers;
using Inertia.Optimizers;
using Inertia.Tensors;
using Inertia.Training;

namespace Inertia.RankHost;

/// <summary>
/// The model and data every rank and the one-process reference build, bit for bit alike: 71 samples
/// in batches of 10, so each epoch ends with a batch of one row (two of three ranks hold none) and
/// the full batches split unevenly over three ranks (3, 3, 4).
/// </summary>
public static class Scenario
{
    public const int Samples = 71;
    public const int BatchSize = 10;
    public const ulong Seed = 5;

    public static (Tensor X, Tensor Y) Data()
    {
        var random = new SeededRandom(404);
        var x = new Tensor(Samples, 6);
        var y = new Tensor(Samples);
        for (int i = 0; i < Samples; i++)
        {
            float s = 0;
            for (int j = 0; j < 6; j++) s += (x[i, j] = (float)(random.NextDouble() * 2 - 1)) * (j % 2 == 0 ? 1 : -1);
            y[i] = s < -0.4f ? 0 : s < 0.4f ? 1 : 2;
        }
        return (x, y);
    }

    /// <summary>The book's MLP, 784-300-100-10, built (266,610 parameters).</summary>
    public static Sequential BookMlp()
    {
        var model = new Sequential(new Shape(784), "book_mlp");
        model.Add(new Dense(300, "relu"));
        model.Add(new Dense(100, "relu"));
        model.Add(new Dense(10, "softmax"));
        model.Build(Seed);
        return model;
    }

    /// <summary>
    /// <see cref="Model"/> with the whole Keras pipeline on: an exponential-decay schedule, EMA,
    /// accumulation over 2 batches, weight decay with biases excluded, global clipnorm, and a group
    /// that halves the first kernel's learning rate.
    /// </summary>
    public static Sequential PipelineModel(string optimizer)
    {
        var model = new Sequential(new Shape(6), "rank_mlp");
        model.Add(new Dense(12, "tanh"));
        model.Add(new Dense(3, "softmax"));
        model.Build(Seed);
        string initial = optimizer == "adadelta" ? "1.0" : "0.01";
        var settings = new Dictionary<string, string>
        {
            ["learningRate"] = $$$"""{"class_name": "ExponentialDecay", "config": {"initial_learning_rate": {{{initial}}}, "decay_steps": 4, "decay_rate": 0.8}}""",
            ["useEma"] = "true",
            ["gradientAccumulationSteps"] = "2",
            ["weightDecay"] = "0.01",
            ["globalClipnorm"] = "0.5",
        };
        var instance = OptimizerFactory.Create(optimizer, settings);
        string firstKernel = model.Arena.Parameters[0].Name;
        instance.AddGroup(new ParameterGroup(p => p.Name == firstKernel, "first kernel") { LearningRateMultiplier = 0.5 });
        instance.ExcludeBiasAndNormalizationFromWeightDecay();
        model.Compile(instance, "sparse_categorical_crossentropy", "accuracy");
        return model;
    }

    /// <summary>Dense(12, tanh) → Dense(3, softmax), with clipnorm and weight decay so the global pipeline decisions are exercised.</summary>
    public static Sequential Model(string optimizer)
    {
        var model = new Sequential(new Shape(6), "rank_mlp");
        model.Add(new Dense(12, "tanh"));
        model.Add(new Dense(3, "softmax"));
        model.Build(Seed);
        var settings = new Dictionary<string, string>
        {
            ["learningRate"] = optimizer == "adadelta" ? "1.0" : "0.01",
            ["clipnorm"] = "1.0",
        };
        model.Compile(OptimizerFactory.Create(optimizer, settings), "sparse_categorical_crossentropy", "accuracy");
        return model;
    }
}
