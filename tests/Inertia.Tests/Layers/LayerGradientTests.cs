using Inertia.Autograd;
using Inertia.Layers;
using Inertia.Layers.Activations;
using Inertia.Tensors;
using Inertia.Tests.Autograd;

namespace Inertia.Tests.Layers;

public class LayerGradientTests
{
    /// <summary>Builds the layer for the per-sample shape of <paramref name="input"/>, initializes it, and checks every gradient.</summary>
    private static void CheckLayer(Layer layer, Tensor input, bool training = true, Action<Layer>? beforeCall = null,
        Action<Layer>? afterInit = null)
    {
        layer.Build(input.Shape.DropFirst());
        _ = new ParameterArena(layer.Parameters);
        layer.InitializeWeights(42);
        afterInit?.Invoke(layer);
        var x = GradientCheck.Parameters(input);
        GradientCheck.Check([x[0], .. layer.Parameters], tape =>
        {
            beforeCall?.Invoke(layer);
            return layer.Call(tape, tape.Parameter(x[0]), training);
        });
    }

    public static TheoryData<string> ActivationNames => [.. Activations.Names];

    [Theory]
    [MemberData(nameof(ActivationNames))]
    public void Dense_gradients_match_finite_differences_with_every_activation(string activation)
    {
        var layer = new Dense(4, activation, name: "dense");
        CheckLayer(layer, GradientCheck.Random(new Shape(3, 5), 1, 1.5, 0), afterInit: l =>
        {
            // A bias away from zero makes the pre-activations avoid ReLU-like kinks more often than not.
            var bias = ((Dense)l).Bias!.Value.Span;
            for (int i = 0; i < bias.Length; i++) bias[i] = 0.3f * (i + 1);
        });
    }

    [Fact]
    public void Dense_without_bias_gradients_match_finite_differences() =>
        CheckLayer(new Dense(3, "tanh", useBias: false, name: "dense"), GradientCheck.Random(new Shape(2, 4), 2));

    [Fact]
    public void Flatten_passes_gradients_through_unchanged() =>
        CheckLayer(new Flatten("flatten"), GradientCheck.Random(new Shape(2, 3, 4), 3));

    [Fact]
    public void Dropout_gradients_match_finite_differences_for_a_fixed_step() =>
        CheckLayer(new Dropout(0.5f, seed: 5, name: "dropout"), GradientCheck.Random(new Shape(4, 6), 4), beforeCall: l => ((Dropout)l).Step = 7);

    [Fact]
    public void Alpha_dropout_gradients_match_finite_differences_for_a_fixed_step() =>
        CheckLayer(new AlphaDropout(0.2f, seed: 5, name: "alpha_dropout"), GradientCheck.Random(new Shape(4, 6), 5),
            beforeCall: l => ((AlphaDropout)l).Step = 7);

    [Fact]
    public void Batch_normalization_gradients_match_finite_differences_in_training() =>
        CheckLayer(new BatchNormalization(name: "batch_normalization"), GradientCheck.Random(new Shape(5, 3), 6, 2, 0), afterInit: RandomAffine);

    [Fact]
    public void Batch_normalization_gradients_match_finite_differences_in_inference() =>
        CheckLayer(new BatchNormalization(name: "batch_normalization"), GradientCheck.Random(new Shape(5, 3), 7, 2, 0), training: false,
            afterInit: RandomAffine);

    [Fact]
    public void Batch_normalization_without_center_and_scale_gradients_match_finite_differences() =>
        CheckLayer(new BatchNormalization(center: false, scale: false, name: "batch_normalization"),
            GradientCheck.Random(new Shape(4, 2, 3), 8, 2, 0));

    [Fact]
    public void PReLU_gradients_match_finite_differences_for_input_and_alpha() =>
        CheckLayer(new PReLU(name: "p_re_lu"), GradientCheck.Random(new Shape(3, 4), 9),
            afterInit: l => GradientCheck.Uniform(new Shape(4), 10, 0.1, 0.4).Span.CopyTo(((PReLU)l).Alpha.Value.Span));

    [Fact]
    public void PReLU_with_shared_axes_gradients_match_finite_differences() =>
        CheckLayer(new PReLU(sharedAxes: [1], name: "p_re_lu"), GradientCheck.Random(new Shape(3, 2, 4), 11),
            afterInit: l => GradientCheck.Uniform(new Shape(1, 4), 12, 0.1, 0.4).Span.CopyTo(((PReLU)l).Alpha.Value.Span));

    [Fact]
    public void Activation_layers_gradients_match_finite_differences()
    {
        CheckLayer(new ReLU("re_lu"), GradientCheck.Random(new Shape(3, 4), 13));
        CheckLayer(new LeakyReLU(name: "leaky_re_lu"), GradientCheck.Random(new Shape(3, 4), 14));
        CheckLayer(new ELU(0.7f, "elu"), GradientCheck.Random(new Shape(3, 4), 15));
        CheckLayer(new SoftmaxLayer("softmax"), GradientCheck.Random(new Shape(3, 4), 16));
        CheckLayer(new ActivationLayer("gelu", "activation"), GradientCheck.Random(new Shape(3, 4), 17));
    }

    private static void RandomAffine(Layer layer)
    {
        var bn = (BatchNormalization)layer;
        GradientCheck.Uniform(new Shape(3), 30, 0.5, 1.5).Span.CopyTo(bn.Gamma!.Value.Span);
        GradientCheck.Uniform(new Shape(3), 31, -0.5, 0.5).Span.CopyTo(bn.Beta!.Value.Span);
        GradientCheck.Uniform(new Shape(3), 32, -0.3, 0.3).Span.CopyTo(bn.MovingMean.Span);
        GradientCheck.Uniform(new Shape(3), 33, 0.5, 2).Span.CopyTo(bn.MovingVariance.Span);
    }
}
