using Inertia.Data;
using Inertia.Layers;
using Inertia.Losses;
using Inertia.Optimizers;
using Inertia.Tensors;
using Inertia.Training;

namespace Inertia.FaultHost;

/// <summary>
/// The models and data both sides of a fault test build: the child process and the test that
/// checks its files must agree on them bit for bit, so they live here, in one place.
/// </summary>
public static class Scenarios
{
    /// <summary>Batches per epoch of <see cref="Data"/> at <see cref="BatchSize"/>.</summary>
    public const int BatchSize = 16;

    /// <summary>y = 0.5·x0 − x1 + x2·x3 + 0.3 on 64 seeded samples.</summary>
    public static (Tensor X, Tensor Y) Data()
    {
        var random = new SeededRandom(606);
        var x = new Tensor(64, 4);
        var y = new Tensor(64, 1);
        for (int i = 0; i < 64; i++)
        {
            for (int j = 0; j < 4; j++) x[i, j] = (float)(random.NextDouble() * 2 - 1);
            y[i, 0] = 0.5f * x[i, 0] - x[i, 1] + x[i, 2] * x[i, 3] + 0.3f;
        }
        return (x, y);
    }

    /// <summary>
    /// Dense, BatchNormalization (moving statistics as state), Dropout (random masks) and Dense,
    /// compiled with the optimizer <paramref name="optimizer"/> names (<see cref="OptimizerFactory.Names"/>).
    /// </summary>
    public static Sequential Model(string optimizer)
    {
        var model = new Sequential(new Shape(4), "fault_model");
        model.Add(new Dense(16, "relu"));
        model.Add(new BatchNormalization());
        model.Add(new Dropout(0.25f));
        model.Add(new Dense(1));
        model.Build(seed: 11);
        var settings = new Dictionary<string, string> { ["learningRate"] = optimizer == "adadelta" ? "1.0" : "0.01" };
        model.Compile(OptimizerFactory.Create(optimizer, settings), new MeanSquaredError());
        return model;
    }

    /// <summary>One deterministic training step of the checkpoint loop: the model after k steps is version k.</summary>
    public static void Step(Sequential model)
    {
        var (x, y) = Data();
        model.TrainOnBatch(x, y);
    }
}
