using Inertia.Layers;
using Inertia.Losses;
using Inertia.Optimizers;
using Inertia.Tensors;
using Inertia.Training;
using static Inertia.Tests.Training.TrainingFixtures;

namespace Inertia.Tests.Training;

public class TransferLearningTests
{
    [Fact]
    public void Shared_layers_move_with_their_weights_and_the_old_model_can_no_longer_train()
    {
        var (x, y) = Regression(64, seed: 20);
        var a = CompiledMlp();
        a.Fit(x, y, epochs: 2, verbose: 0);
        var hidden = a.Layers[0].Parameters.Select(p => p.Value.ToArray()).ToArray();
        var b = new Sequential([a.Layers[0]], new Shape(4), name: "b");
        b.Add(new Dense(1));
        b.Build(seed: 99);
        Assert.Equal(["dense", "dense_1"], b.Layers.Select(l => l.Name));
        for (int i = 0; i < hidden.Length; i++) AssertBitwiseEqual(hidden[i], b.Layers[0].Parameters[i].Value.ToArray());
        Assert.Equal("dense/kernel", a.Arena.DetachedParameter);
        var e = Assert.Throws<InvalidOperationException>(() => a.Fit(x, y, verbose: 0));
        Assert.Contains("dense/kernel", e.Message);
    }

    [Fact]
    public void Cloned_models_are_independent_copies_with_the_same_weights()
    {
        var (x, y) = Regression(64, seed: 21);
        var a = CompiledMlp();
        a.Fit(x, y, epochs: 1, verbose: 0);
        var clone = Sequential.CloneModel(a);
        AssertBitwiseEqual(Weights(a), Weights(clone));
        AssertBitwiseEqual(a.Predict(x).ToArray(), clone.Predict(x).ToArray());
        Assert.Equal(a.Layers.Select(l => l.Name), clone.Layers.Select(l => l.Name));
        clone.Compile(new SGD(0.1), new MeanSquaredError());
        var before = Weights(a);
        clone.Fit(x, y, epochs: 1, verbose: 0);
        AssertBitwiseEqual(before, Weights(a));
        Assert.Null(a.Arena.DetachedParameter);
        a.Fit(x, y, epochs: 1, verbose: 0);
    }

    [Fact]
    public void Frozen_layers_stay_bitwise_unchanged_and_train_again_after_unfreezing_and_recompiling()
    {
        var (x, y) = Regression(128, seed: 22);
        var source = CompiledMlp();
        source.Fit(x, y, epochs: 2, verbose: 0);
        var reused = Sequential.CloneModel(source).Layers[0];
        var model = new Sequential([reused, new Dense(8, "relu"), new Dense(1)], new Shape(4));
        reused.Trainable = false;
        model.Compile(new SGD(0.05), new MeanSquaredError());
        Assert.Equal(reused.Parameters.Sum(p => p.Size), model.NonTrainableParameterCount);
        var frozen = reused.Parameters.Select(p => p.Value.ToArray()).ToArray();
        var head = model.Layers[2].Parameters[0].Value.ToArray();
        model.Fit(x, y, epochs: 2, verbose: 0);
        for (int i = 0; i < frozen.Length; i++) AssertBitwiseEqual(frozen[i], reused.Parameters[i].Value.ToArray());
        Assert.NotEqual(head, model.Layers[2].Parameters[0].Value.ToArray());

        reused.Trainable = true;
        model.Compile(new SGD(0.01), new MeanSquaredError());
        model.Fit(x, y, epochs: 1, verbose: 0);
        Assert.NotEqual(frozen[0], reused.Parameters[0].Value.ToArray());
    }

    [Fact]
    public void A_model_whose_layers_are_all_frozen_refuses_to_train()
    {
        var (x, y) = Regression(16, seed: 23);
        var model = CompiledMlp();
        foreach (var l in model.Layers) l.Trainable = false;
        Assert.Contains("frozen", Assert.Throws<InvalidOperationException>(() => model.Fit(x, y, verbose: 0)).Message);
    }
}
