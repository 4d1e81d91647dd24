using Inertia.Data;
using Inertia.Initializers;
using Inertia.Layers;
using Inertia.Layers.Activations;
using Inertia.Tensors;
using Inertia.Training;

namespace Inertia.Onnx.Tests;

/// <summary>One model per layer kind and per Dense activation, run in ONNX Runtime against Predict.</summary>
public class LayerExportTests
{
    public static TheoryData<string> DenseActivations => [.. Activations.Names];

    [Theory]
    [MemberData(nameof(DenseActivations))]
    public void Dense_with_each_activation_runs_in_onnx_runtime_as_predict(string activation) =>
        AssertExported(new Shape(6), new Dense(5, activation, new RandomNormal(stddev: 0.8), new RandomNormal(stddev: 0.5)));

    [Fact]
    public void Dense_with_tanh_approximated_gelu_and_custom_slopes_runs_as_predict() =>
        AssertExported(new Shape(6),
            new Dense(5, new Gelu(approximate: true), new RandomNormal(stddev: 0.8)),
            new Dense(5, new LeakyRelu(0.05f), new RandomNormal(stddev: 0.8)),
            new Dense(5, new Elu(0.4f), new RandomNormal(stddev: 0.8)));

    [Fact]
    public void Dense_without_bias_runs_as_predict() =>
        AssertExported(new Shape(6), new Dense(4, "tanh", new RandomNormal(stddev: 0.8), useBias: false));

    public static TheoryData<string> ActivationLayers => [.. Activations.Names];

    [Theory]
    [MemberData(nameof(ActivationLayers))]
    public void Activation_layer_with_each_activation_runs_as_predict(string activation) =>
        AssertExported(new Shape(3, 4), new ActivationLayer(activation));

    [Fact]
    public void Flatten_of_an_image_runs_as_predict() =>
        AssertExported(new Shape(4, 5), new Flatten(), new Dense(3, kernelInitializer: new RandomNormal(stddev: 0.8)));

    [Fact]
    public void ReLU_layer_runs_as_predict() => AssertExported(new Shape(7), new ReLU());

    [Fact]
    public void LeakyReLU_layer_runs_as_predict() => AssertExported(new Shape(7), new LeakyReLU(0.3f));

    [Fact]
    public void ELU_layer_runs_as_predict() => AssertExported(new Shape(7), new ELU(0.7f));

    [Fact]
    public void Softmax_layer_runs_as_predict() => AssertExported(new Shape(2, 6), new SoftmaxLayer());

    [Fact]
    public void PReLU_with_alpha_per_element_runs_as_predict() =>
        AssertExported(new Shape(3, 4), new PReLU(new RandomUniform(-0.5, 0.5)));

    [Fact]
    public void PReLU_with_alpha_shared_along_an_axis_runs_as_predict() =>
        AssertExported(new Shape(3, 4), new PReLU(new RandomUniform(-0.5, 0.5), sharedAxes: [1]));

    [Fact]
    public void BatchNormalization_in_inference_form_uses_the_moving_statistics()
    {
        var bn = new BatchNormalization(epsilon: 0.01f, gammaInitializer: new RandomUniform(0.5, 1.5), betaInitializer: new RandomNormal(stddev: 0.5));
        var model = Built(new Shape(3, 5), bn);
        var random = new SeededRandom(5);
        // Statistics far from the initial (0, 1), so that exporting the wrong ones cannot pass.
        foreach (ref float m in bn.MovingMean.Span) m = (float)(random.NextDouble() * 4 - 2);
        foreach (ref float v in bn.MovingVariance.Span) v = (float)(random.NextDouble() * 3 + 0.1);
        OnnxRuntimeCheck.AssertMatchesPredict(model, Inputs(model));
    }

    [Fact]
    public void BatchNormalization_without_scale_or_center_runs_as_predict()
    {
        var bn = new BatchNormalization(center: false, scale: false);
        var model = Built(new Shape(5), bn);
        bn.MovingMean.Span.Fill(0.75f);
        bn.MovingVariance.Span.Fill(2.5f);
        OnnxRuntimeCheck.AssertMatchesPredict(model, Inputs(model));
    }

    [Fact]
    public void Dropout_and_AlphaDropout_are_the_identity() =>
        AssertExported(new Shape(8), new Dropout(0.5f), new AlphaDropout(0.3f), new Dense(4, "selu", new RandomNormal(stddev: 0.8)));

    private static void AssertExported(Shape input, params Layer[] layers)
    {
        var model = Built(input, layers);
        OnnxRuntimeCheck.AssertMatchesPredict(model, Inputs(model));
    }

    private static Sequential Built(Shape input, params Layer[] layers)
    {
        var model = new Sequential(layers, input);
        model.Build(seed: 3);
        return model;
    }

    // Values over [−4, 4): both sides of every activation's kink, and the saturating ends.
    private static Tensor Inputs(Sequential model)
    {
        var dims = new int[model.InputShape!.Rank + 1];
        dims[0] = 16;
        model.InputShape.Dimensions.CopyTo(dims.AsSpan(1));
        var x = new Tensor(new Shape(dims));
        var random = new SeededRandom(11);
        foreach (ref float v in x.Span) v = (float)(random.NextDouble() * 8 - 4);
        return x;
    }
}
