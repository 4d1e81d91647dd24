using Inertia.Data;
using Inertia.Initializers;
using Inertia.Layers;
using Inertia.Losses;
using Inertia.Metrics;
using Inertia.Optimizers;
using Inertia.Schedules;
using Inertia.Tensors;
using Inertia.Training;
using Inertia.Training.Callbacks;
using static Inertia.Tests.Training.TrainingFixtures;

namespace Inertia.Tests.Reliability;

/// <summary>
/// The adversarial sweep of issue 6: every bad argument a public constructor or method can get
/// (out-of-range hyperparameters, null or empty arrays, mismatched shapes, labels outside the
/// class range, NaN or infinity in the data, zero-sized layers, batch sizes of 0 or beyond the
/// data, the wrong input shape for a built model) raises the documented exception type, and its
/// message names the culprit: the parameter and its value, the shapes, or the sample.
/// </summary>
public class BadInputTests
{
    private sealed record Case(Type Exception, string[] Mentions, Action Act);

    private static Case Range(Action act, params string[] mentions) => new(typeof(ArgumentOutOfRangeException), mentions, act);
    private static Case Arg(Action act, params string[] mentions) => new(typeof(ArgumentException), mentions, act);
    private static Case Null(Action act, params string[] mentions) => new(typeof(ArgumentNullException), mentions, act);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // Layers: zero-sized and out-of-range settings.
        ["Dense with 0 units"] = Range(() => new Dense(0), "units", "0"),
        ["Dense with -3 units"] = Range(() => new Dense(-3), "units", "-3"),
        ["Dense with an unknown activation"] = Arg(() => new Dense(4, "relux"), "relux"),
        ["Dropout rate 1"] = Range(() => new Dropout(1f), "rate", "1"),
        ["Dropout rate NaN"] = Range(() => new Dropout(float.NaN), "rate", "NaN"),
        ["AlphaDropout rate -0.1"] = Range(() => new AlphaDropout(-0.1f), "rate", "-0.1"),
        ["BatchNormalization momentum 1.5"] = Range(() => new BatchNormalization(momentum: 1.5), "momentum", "1.5"),
        ["BatchNormalization epsilon 0"] = Range(() => new BatchNormalization(epsilon: 0f), "epsilon", "0"),
        ["BatchNormalization epsilon NaN"] = Range(() => new BatchNormalization(epsilon: float.NaN), "epsilon", "NaN"),
        ["LeakyReLU slope NaN"] = Range(() => new LeakyReLU(float.NaN), "negativeSlope", "NaN"),
        ["ELU alpha infinite"] = Range(() => new ELU(float.PositiveInfinity), "alpha", "Infinity"),
        ["Dense on an input with a zero dimension"] = Arg(() => new Sequential([new Dense(3)], new Shape(0)).Build(), "(0,)"),
        ["Dense on a rank-0 input"] = Arg(() => new Sequential([new Dense(3)], new Shape()).Build(), "()"),

        // Losses, metrics, initializers.
        ["Huber delta 0"] = Range(() => new Huber(0f), "delta", "0"),
        ["Huber delta NaN"] = Range(() => new Huber(float.NaN), "delta", "NaN"),
        ["BinaryAccuracy threshold NaN"] = Range(() => new BinaryAccuracy(float.NaN), "threshold", "NaN"),
        ["RandomNormal stddev -1"] = Range(() => new RandomNormal(stddev: -1), "stddev", "-1"),
        ["RandomUniform min above max"] = Range(() => new RandomUniform(1, -1), "1"),
        ["VarianceScaling unknown mode"] = Arg(() => new VarianceScaling(mode: "fan_sideways"), "fan_sideways"),
        ["Unknown loss name"] = Arg(() => Loss.Get("mse2"), "mse2"),
        ["Unknown metric name"] = Arg(() => Metric.Get("acc2"), "acc2"),

        // Schedules.
        ["ExponentialDecay decaySteps 0"] = Range(() => new ExponentialDecay(0.1, 0, 0.9), "decaySteps", "0"),
        ["ExponentialDecay learning rate NaN"] = Range(() => new ExponentialDecay(double.NaN, 10, 0.9), "initialLearningRate", "NaN"),
        ["CosineDecay decaySteps -1"] = Range(() => new CosineDecay(0.1, -1), "decaySteps", "-1"),
        ["StepLR stepSize 0"] = Range(() => new StepLR(0.1, 0), "stepSize", "0"),
        ["OneCycle pctStart 1.5"] = Range(() => new OneCycle(0.1, 100, pctStart: 1.5), "pctStart", "1.5"),
        ["PiecewiseConstantDecay with one value too few"] = Arg(() => new PiecewiseConstantDecay([10, 20], [0.1, 0.01]), "boundaries", "values"),
        ["PiecewiseConstantDecay with null boundaries"] = Null(() => new PiecewiseConstantDecay(null!, [0.1]), "boundaries"),

        // Optimizers (the optimizer tests cover each hyperparameter; these are the factory's paths).
        ["Adam learning rate -1"] = Range(() => new Adam(-1.0), "learningRate", "-1"),
        ["Adam beta1 1"] = Range(() => new Adam(beta1: 1.0), "beta1", "1"),
        ["Unknown optimizer name"] = Arg(() => OptimizerFactory.Create("adamm"), "adamm"),
        ["Optimizer setting with a bad number"] = Arg(() => OptimizerFactory.Create("sgd", new Dictionary<string, string> { ["momentum"] = "lots" }), "momentum", "lots"),

        // Callbacks.
        ["EarlyStopping patience -1"] = Range(() => new EarlyStopping(patience: -1), "patience", "-1"),
        ["EarlyStopping baseline NaN"] = Range(() => new EarlyStopping(baseline: double.NaN), "baseline", "NaN"),
        ["ReduceLROnPlateau factor 1"] = Range(() => new Inertia.Training.Callbacks.ReduceLROnPlateau(factor: 1.0), "factor", "1"),
        ["ModelCheckpoint with an empty path"] = Arg(() => new ModelCheckpoint(""), "filePath"),

        // Tensors and data sets.
        ["Shape with a negative dimension"] = Arg(() => new Shape(2, -1), "-1"),
        ["Tensor view past the end of its array"] = Arg(() => new Tensor(new float[5], 2, new Shape(2, 2)), "(2, 2)"),
        ["Reshape to another size"] = Arg(() => new Tensor(2, 3).Reshape(new Shape(4, 2)), "(2, 3)", "(4, 2)"),
        ["SliceRows past the end"] = Range(() => new Tensor(4, 2).SliceRows(3, 2), "2"),
        ["Classification label 10 of 10 classes"] = Arg(() => Dataset.Classification(new Tensor(3, 2), Labels(0, 10, 1), 10), "sample 1", "10"),
        ["Classification label 0.5"] = Arg(() => Dataset.Classification(new Tensor(3, 2), Labels(0, 0.5f, 1), 2), "sample 1", "0.5"),
        ["Classification with 0 classes"] = Range(() => Dataset.Classification(new Tensor(3, 2), Labels(0, 0, 0), 0), "classCount", "0"),
        ["Classification with mismatched rows"] = Arg(() => Dataset.Classification(new Tensor(3, 2), Labels(0, 1), 2), "(3, 2)", "(2,)"),
        ["Regression with an infinite feature"] = Arg(() => Dataset.Regression(WithValue(new Tensor(3, 2), 5, float.PositiveInfinity), new Tensor(3, 1)), "sample 2"),
        ["Regression with a NaN target"] = Arg(() => Dataset.Regression(new Tensor(3, 2), WithValue(new Tensor(3, 1), 1, float.NaN)), "sample 1"),
        ["BatchIterator batch size 0"] = Range(() => new BatchIterator(Moons.Generate(10, 1), 0), "batchSize", "0"),
        ["BatchIterator batch size beyond the data"] = Range(() => new BatchIterator(Moons.Generate(10, 1), 11), "batchSize", "11"),
        ["Moons with 0 samples"] = Range(() => Moons.Generate(0, 1), "count", "0"),
        ["Moons with negative noise"] = Range(() => Moons.Generate(10, 1, noise: -1f), "noise", "-1"),
        ["MinMaxScaler with min above max"] = Range(() => new MinMaxScaler(1f, 0f), "1"),

        // A built, compiled model: its data is checked once, before the first step.
        ["Fit batch size 0"] = Range(() => Model().Fit(X(10), Y(10), batchSize: 0, verbose: 0), "batchSize", "0"),
        ["Fit batch size beyond the data"] = Range(() => Model().Fit(X(10), Y(10), batchSize: 11, verbose: 0), "batchSize", "11"),
        ["Fit epochs below initialEpoch"] = Range(() => Model().Fit(X(10), Y(10), epochs: 1, initialEpoch: 2, verbose: 0), "epochs", "1"),
        ["Fit verbose 3"] = Range(() => Model().Fit(X(10), Y(10), verbose: 3), "verbose", "3"),
        ["Fit validation split 1"] = Range(() => Model().Fit(X(10), Y(10), validationSplit: 1, verbose: 0), "validationSplit", "1"),
        ["Fit with no samples"] = Arg(() => Model().Fit(X(0), Y(0), verbose: 0), "no samples"),
        ["Fit with mismatched rows"] = Arg(() => Model().Fit(X(10), Y(9), verbose: 0), "(10, 4)", "(9, 1)"),
        ["Fit with the wrong input shape"] = Arg(() => Model().Fit(new Tensor(10, 5), Y(10), batchSize: 5, verbose: 0), "(10, 5)", "(None, 4)"),
        ["Fit with targets of the wrong shape"] = Arg(() => Model().Fit(X(10), new Tensor(10, 3), batchSize: 10, verbose: 0), "(10, 3)"),
        ["Fit with a NaN feature"] = Arg(() => Model().Fit(WithValue(X(10), 4 * 7 + 2, float.NaN), Y(10), verbose: 0), "x", "sample 7", "NaN"),
        ["Fit with an infinite target"] = Arg(() => Model().Fit(X(10), WithValue(Y(10), 6, float.NegativeInfinity), verbose: 0), "y", "sample 6"),
        ["Fit with a NaN in the validation data"] = Arg(() => Model().Fit(X(10), Y(10), validationData: (WithValue(X(4), 0, float.NaN), Y(4)), verbose: 0), "validationData.X", "sample 0"),
        ["Fit with a null callback"] = Null(() => Model().Fit(X(10), Y(10), callbacks: [null!], batchSize: 5, verbose: 0), "callbacks"),
        ["Fit with a label outside the class range"] = Arg(() => Classifier().Fit(X(10), WithValue(new Tensor(10), 8, 3), verbose: 0, batchSize: 2), "y", "sample 8", "3"),
        ["Fit with a negative label"] = Arg(() => Classifier().Fit(X(10), WithValue(new Tensor(10), 4, -1), batchSize: 5, verbose: 0), "sample 4", "-1"),
        ["Fit with a one-hot target of the wrong width"] = Arg(() => Classifier(sparse: false).Fit(X(10), new Tensor(10, 2), batchSize: 5, verbose: 0), "(10, 2)", "(10, 3)"),
        ["Evaluate with a NaN feature"] = Arg(() => Model().Evaluate(WithValue(X(10), 9, float.NaN), Y(10)), "x", "sample 2"),
        ["Evaluate with a label outside the class range"] = Arg(() => Classifier().Evaluate(X(10), WithValue(new Tensor(10), 9, 7)), "y", "sample 9", "7"),
        ["Evaluate batch size 0"] = Range(() => Model().Evaluate(X(10), Y(10), batchSize: 0), "batchSize", "0"),
        ["Evaluate with the wrong input shape"] = Arg(() => Model().Evaluate(new Tensor(10, 3), Y(10), batchSize: 4), "(10, 3)"),
        ["Predict batch size 0"] = Range(() => Model().Predict(X(10), batchSize: 0), "batchSize", "0"),
        ["Predict with the wrong input shape"] = Arg(() => Model().Predict(new Tensor(100, 5)), "(100, 5)", "(None, 4)"),
        ["Predict with a NaN feature"] = Arg(() => Model().Predict(WithValue(X(10), 13, float.NaN)), "x", "sample 3", "NaN"),
        ["Predict a scalar"] = Arg(() => Model().Predict(new Tensor(new Shape())), "scalar"),
        ["TrainOnBatch with the wrong input shape"] = Arg(() => Model().TrainOnBatch(new Tensor(4, 2), Y(4)), "(4, 2)"),
        ["SetWeights with a wrong shape"] = Arg(() => Model().SetWeights([.. Model().GetWeights().Skip(1), new Tensor(1)]), "dense/kernel"),
        ["Compile with a null metric"] = Null(() => Mlp().Compile(new SGD(), new Inertia.Losses.MeanSquaredError(), null!), "metrics"),
        ["Load an empty path"] = Arg(() => Sequential.Load(""), "path"),
    };

    public static TheoryData<string> Names => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Bad_input_raises_the_documented_exception_naming_the_culprit(string name)
    {
        var c = Cases[name];
        var e = c.Exception == typeof(ArgumentException) ? Assert.ThrowsAny<ArgumentException>(c.Act) : Assert.Throws(c.Exception, c.Act);
        foreach (string mention in c.Mentions)
            Assert.True(e.Message.Contains(mention, StringComparison.Ordinal) || (e as ArgumentException)?.ParamName == mention,
                $"{name}: the message does not mention '{mention}': {e.Message}");
    }

    /// <summary>A failed Fit must not have trained: the data is checked before the first step.</summary>
    [Fact]
    public void Fit_rejecting_a_bad_label_late_in_the_data_leaves_the_model_untouched()
    {
        var model = Classifier();
        var before = Weights(model);
        var labels = new Tensor(10);
        labels[9] = 3;
        Assert.Throws<ArgumentException>(() => model.Fit(X(10), labels, batchSize: 2, shuffle: false, verbose: 0));
        Assert.Equal(0, model.Optimizer.Iterations);
        AssertBitwiseEqual(before, Weights(model));
    }

    private static Tensor X(int rows) => new(rows, 4);

    private static Tensor Y(int rows) => new(rows, 1);

    private static Tensor Labels(params float[] values)
    {
        var t = new Tensor(values.Length);
        values.CopyTo(t.Span);
        return t;
    }

    private static Tensor WithValue(Tensor t, int index, float value)
    {
        t.Span[index] = value;
        return t;
    }

    private static Sequential Model() => CompiledMlp();

    private static Sequential Classifier(bool sparse = true)
    {
        var model = new Sequential([new Dense(3, "softmax")], new Shape(4));
        model.Compile(new SGD(0.1), sparse ? new SparseCategoricalCrossentropy() : new CategoricalCrossentropy());
        return model;
    }
}
