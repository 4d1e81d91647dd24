using Inertia.Layers;
using Inertia.Losses;
using Inertia.Optimizers;
using Inertia.Tensors;
using Inertia.Training;
using static Inertia.Tests.Training.TrainingFixtures;

namespace Inertia.Tests.Training;

[Collection(ProcessWideThreadsCollection.Name)]
public class SequentialTests
{
    [Fact]
    public void Layers_get_unique_keras_style_names_within_the_model()
    {
        var model = new Sequential(new Shape(4));
        model.Add(new Dense(3));
        model.Add(new Dense(3, name: "dense_1"));
        model.Add(new Dense(2));
        Assert.Equal(["dense", "dense_1", "dense_2"], model.Layers.Select(l => l.Name));
        var clash = Assert.Throws<ArgumentException>(() => model.Add(new Dense(1, name: "dense")));
        Assert.Contains("'dense'", clash.Message);
    }

    [Fact]
    public void Build_lays_every_parameter_into_one_arena_with_names()
    {
        var model = Mlp();
        Assert.Equal(["dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias"], model.Arena.Parameters.Select(p => p.Name));
        Assert.All(model.Arena.Parameters, p => Assert.Same(model.Arena, p.Arena));
        Assert.Equal(4 * 16 + 16 + 16 + 1, model.TrainableParameterCount);
        Assert.Equal(new Shape(1), model.OutputShape);
    }

    [Fact]
    public void The_same_seed_initializes_the_same_weights_and_another_seed_does_not()
    {
        AssertBitwiseEqual(Weights(Mlp(seed: 3)), Weights(Mlp(seed: 3)));
        Assert.NotEqual(Weights(Mlp(seed: 3)), Weights(Mlp(seed: 4)));
    }

    [Fact]
    public void Build_without_an_input_shape_says_how_to_give_one()
    {
        var model = new Sequential();
        model.Add(new Dense(2));
        var e = Assert.Throws<InvalidOperationException>(() => model.Build());
        Assert.Contains("input shape", e.Message);
    }

    [Fact]
    public void Summary_lists_layers_output_shapes_and_parameter_counts_like_keras()
    {
        var model = new Sequential(new Shape(784), name: "mnist_mlp");
        model.Add(new Dense(300, "relu"));
        model.Add(new Dense(100, "relu"));
        model.Add(new Dense(10));
        model.Build();
        model.Layers[0].Trainable = false;
        string summary = model.Summary();
        Assert.Contains("Model: \"mnist_mlp\"", summary);
        Assert.Matches(@"dense \(Dense\)\s+\(None, 300\)\s+235,500", summary);
        Assert.Matches(@"dense_1 \(Dense\)\s+\(None, 100\)\s+30,100", summary);
        Assert.Matches(@"dense_2 \(Dense\)\s+\(None, 10\)\s+1,010", summary);
        Assert.Contains("Total params: 266,610 (1.02 MB)", summary);
        Assert.Contains("Trainable params: 31,110 (121.52 KB)", summary);
        Assert.Contains("Non-trainable params: 235,500 (919.92 KB)", summary);
    }

    [Fact]
    public void Fit_learns_a_small_regression_problem()
    {
        var (x, y) = Regression(512, seed: 1);
        var model = CompiledMlp(learningRate: 0.1);
        double before = model.Evaluate(x, y)["loss"];
        var history = model.Fit(x, y, epochs: 30, batchSize: 32, verbose: 0);
        double after = model.Evaluate(x, y)["loss"];
        Assert.True(after < before * 0.1, $"loss went from {before} to {after}");
        Assert.True(history["loss"][^1] < history["loss"][0]);
    }

    [Fact]
    public void History_holds_per_epoch_training_and_validation_values()
    {
        var (x, y) = Regression(200, seed: 2);
        var model = new Sequential(new Shape(4));
        model.Add(new Dense(8, "relu"));
        model.Add(new Dense(1));
        model.Compile(new SGD(0.05), "mean_squared_error", "mae");
        var history = model.Fit(x, y, epochs: 3, batchSize: 16, validationSplit: 0.25, verbose: 0);
        Assert.Equal([0, 1, 2], history.Epochs);
        Assert.Equal(["learning_rate", "loss", "mae", "val_loss", "val_mae"], history.Keys.Order(StringComparer.Ordinal));
        Assert.All(history.Values.Values, v => Assert.Equal(3, v.Count));
        Assert.Equal(0.05, history["learning_rate"][0]);
        // val_ values are the model's loss on the held-out last quarter after the epoch.
        var held = model.Evaluate(x.SliceRows(150, 50), y.SliceRows(150, 50), batchSize: 16);
        Assert.Equal(held["loss"], history["val_loss"][^1], 12);
        Assert.Empty(history.Events);
    }

    [Fact]
    public void Fit_rejects_bad_arguments_naming_them()
    {
        var (x, y) = Regression(10, seed: 3);
        var model = CompiledMlp();
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => model.Fit(x, y, batchSize: 0, verbose: 0)).ParamName);
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => model.Fit(x, y, batchSize: 11, verbose: 0)).ParamName);
        Assert.Equal("validationSplit", Assert.Throws<ArgumentOutOfRangeException>(() => model.Fit(x, y, validationSplit: 1, verbose: 0)).ParamName);
        Assert.Throws<ArgumentException>(() => model.Fit(x, y.SliceRows(0, 9), verbose: 0));
        x[3, 2] = float.NaN;
        var nan = Assert.Throws<ArgumentException>(() => model.Fit(x, y, verbose: 0));
        Assert.Contains("sample 3", nan.Message);
        var wrongShape = Assert.Throws<ArgumentException>(() => model.Predict(new Tensor(2, 5)));
        Assert.Contains("(2, 5)", wrongShape.Message);
    }

    [Fact]
    public void Fit_before_compile_says_so()
    {
        var (x, y) = Regression(10, seed: 3);
        Assert.Contains("Compile", Assert.Throws<InvalidOperationException>(() => Mlp().Fit(x, y, verbose: 0)).Message);
    }

    [Fact]
    public void Predict_matches_evaluate_and_is_safe_from_many_threads()
    {
        var (x, y) = Regression(300, seed: 4);
        var model = CompiledMlp();
        model.Fit(x, y, epochs: 2, verbose: 0);
        var expected = model.Predict(x, batchSize: 64).ToArray();
        var results = new float[8][];
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            for (int k = 0; k < 5; k++) results[i] = model.Predict(x, batchSize: 7 + i).ToArray();
        });
        foreach (var r in results) AssertBitwiseEqual(expected, r);
        double mse = expected.Select((p, i) => (double)(p - y[i]) * (p - y[i])).Average();
        Assert.Equal(model.Evaluate(x, y)["loss"], mse, 5);
    }

    [Fact]
    public void Train_on_batch_allocates_nothing_in_steady_state()
    {
        var (x, y) = Regression(64, seed: 5);
        var model = CompiledMlp();
        for (int i = 0; i < 5; i++) model.TrainOnBatch(x, y);
        Assert.Equal(0, ThreadAllocations.During(() =>
        {
            for (int i = 0; i < 20; i++) model.TrainOnBatch(x, y);
        }));
    }
}
