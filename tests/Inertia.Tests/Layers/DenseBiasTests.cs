using Inertia.Autograd;
using Inertia.Autograd.Ops;
using Inertia.Layers;
using Inertia.Tensors;
using Inertia.Tests.Autograd;

namespace Inertia.Tests.Layers;

/// <summary>
/// Dense adds its bias over its own product (no buffer of its own): its values and every gradient
/// must be those of the product, the bias add and the activation recorded as separate ops, bit for bit.
/// </summary>
public class DenseBiasTests
{
    [Theory]
    [InlineData("relu", true, true)]
    [InlineData(null, true, true)]
    [InlineData("relu", false, true)]
    [InlineData("relu", true, false)]
    [InlineData("tanh", false, false)]
    public void Dense_equals_the_product_bias_add_and_activation_recorded_separately(string? activation, bool kernelTrainable, bool biasTrainable)
    {
        var dense = Built(activation);
        var input = new Parameter("input", new Shape(6, 5));
        var others = new ParameterArena([input]);
        GradientCheck.Random(input.Shape, 7).Span.CopyTo(input.Value.Span);
        dense.Kernel.Trainable = kernelTrainable;
        dense.Bias!.Trainable = biasTrainable;

        var (value, inputGradient, kernelGradient, biasGradient) = Run(dense, input, others, tape =>
            dense.Call(tape, tape.Parameter(input), training: true));
        var (expected, expectedInput, expectedKernel, expectedBias) = Run(dense, input, others, tape =>
        {
            var z = tape.BiasAdd(tape.MatMul(tape.Parameter(input), tape.Parameter(dense.Kernel)), tape.Parameter(dense.Bias!));
            return dense.Activation.Call(tape, z);
        });

        Assert.Equal(expected, value);
        Assert.Equal(expectedInput, inputGradient);
        Assert.Equal(expectedKernel, kernelGradient);
        Assert.Equal(expectedBias, biasGradient);
    }

    [Fact]
    public void A_trainable_bias_after_a_product_that_needs_no_gradient_still_gets_its_gradient()
    {
        var dense = Built(null);
        dense.Kernel.Trainable = false;
        var tape = new Tape();
        var x = GradientCheck.Random(new Shape(6, 5), 8);
        var y = dense.Call(tape, tape.Constant(x), training: true);
        dense.Kernel.Arena!.ZeroGradients();
        tape.Backward(tape.Sum(y));

        // ∂Σy/∂b is the number of rows, in every element.
        Assert.All(dense.Bias!.Gradient.ToArray(), g => Assert.Equal(6f, g));
        Assert.All(dense.Kernel.Gradient.ToArray(), g => Assert.Equal(0f, g));
    }

    [Fact]
    public void Inference_gives_the_values_of_training()
    {
        var dense = Built("relu");
        var x = GradientCheck.Random(new Shape(6, 5), 9);
        var inferenceTape = new Tape(recordGradients: false);
        var inference = dense.Call(inferenceTape, inferenceTape.Constant(x), training: false).Value.ToArray();
        var trainingTape = new Tape();
        var training = dense.Call(trainingTape, trainingTape.Constant(x), training: true).Value.ToArray();
        Assert.Equal(training, inference);
    }

    private static Dense Built(string? activation)
    {
        var dense = new Dense(4, activation, name: "dense");
        dense.Build(new Shape(5));
        _ = new ParameterArena(dense.Parameters);
        dense.InitializeWeights(3);
        var bias = dense.Bias!.Value.Span;
        for (int i = 0; i < bias.Length; i++) bias[i] = 0.25f * (i - 1);
        return dense;
    }

    private static (float[] Value, float[] Input, float[] Kernel, float[] Bias) Run(Dense dense, Parameter input, ParameterArena inputArena, Func<Tape, Variable> f)
    {
        dense.Kernel.Arena!.ZeroGradients();
        inputArena.ZeroGradients();
        var tape = new Tape();
        var y = f(tape);
        // A sum weighted per element, so that every gradient element differs.
        var w = GradientCheck.Random(y.Shape, 10);
        tape.Backward(tape.Sum(tape.Multiply(y, tape.Constant(w))));
        return (y.Value.ToArray(), input.Gradient.ToArray(), dense.Kernel.Gradient.ToArray(), dense.Bias!.Gradient.ToArray());
    }
}
