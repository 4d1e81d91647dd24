using Inertia.Autograd;
using Inertia.Layers;
using Inertia.Tensors;
using Inertia.Tests.Autograd;

namespace Inertia.Tests.Layers;

public class DropoutTests
{
    private static Tensor Ones(int n) => Tensor.FromArray(Enumerable.Repeat(1f, n).ToArray(), n / 100, 100);

    private static Dropout Built(ulong modelSeed, ulong? seed = null)
    {
        var d = new Dropout(0.25f, seed, "dropout");
        d.Build(new Shape(100));
        d.InitializeWeights(modelSeed);
        return d;
    }

    [Fact]
    public void Dropout_is_bitwise_repeatable_from_the_model_seed()
    {
        var x = Ones(5000);
        var a = Built(3);
        var b = Built(3);
        for (int step = 0; step < 3; step++)
            Assert.Equal(a.Call(new Tape(), new Tape().Constant(x), true).Value.ToArray(),
                b.Call(new Tape(), new Tape().Constant(x), true).Value.ToArray());
        Assert.Equal(3, a.Step);
    }

    [Fact]
    public void Each_training_step_draws_a_new_mask_and_a_step_can_be_replayed()
    {
        var x = Ones(5000);
        var d = Built(3);
        var first = d.Call(new Tape(), new Tape().Constant(x), true).Value.ToArray();
        var second = d.Call(new Tape(), new Tape().Constant(x), true).Value.ToArray();
        Assert.NotEqual(first, second);
        d.Step = 1;
        Assert.Equal(second, d.Call(new Tape(), new Tape().Constant(x), true).Value.ToArray());
    }

    [Fact]
    public void Different_model_seeds_give_different_masks_unless_the_layer_has_its_own_seed()
    {
        var x = Ones(5000);
        Assert.NotEqual(Built(1).Call(new Tape(), new Tape().Constant(x), true).Value.ToArray(),
            Built(2).Call(new Tape(), new Tape().Constant(x), true).Value.ToArray());
        Assert.Equal(Built(1, seed: 9).Call(new Tape(), new Tape().Constant(x), true).Value.ToArray(),
            Built(2, seed: 9).Call(new Tape(), new Tape().Constant(x), true).Value.ToArray());
    }

    [Fact]
    public void Inverted_dropout_keeps_the_expected_value_and_is_the_identity_in_inference()
    {
        var x = Ones(100_000);
        var d = Built(4);
        var y = d.Call(new Tape(), new Tape().Constant(x), true).Value.ToArray();
        Assert.InRange(y.Count(v => v == 0f) / 100_000.0, 0.24, 0.26);
        Assert.InRange(y.Average(), 0.98, 1.02);
        var input = new Tape().Constant(x);
        Assert.Same(input, d.Call(new Tape(), input, training: false));
    }

    [Fact]
    public void Alpha_dropout_keeps_zero_mean_and_unit_variance()
    {
        var x = GradientCheck.Parameters(new Tensor(new Shape(1000, 100)))[0].Value;
        var rng = new Inertia.Data.SeededRandom(5);
        for (int i = 0; i < x.Size; i++) x[i] = (float)rng.NextGaussian();
        var d = new AlphaDropout(0.2f, name: "alpha_dropout");
        d.Build(new Shape(100));
        d.InitializeWeights(1);
        var y = d.Call(new Tape(), new Tape().Constant(x), true).Value.ToArray();
        double mean = y.Average(v => (double)v);
        double variance = y.Average(v => (v - mean) * (v - mean));
        Assert.InRange(mean, -0.02, 0.02);
        Assert.InRange(variance, 0.97, 1.03);
    }

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(1f)]
    [InlineData(float.NaN)]
    public void A_rate_outside_zero_to_one_is_rejected(float rate)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(rate));
        Assert.Equal("rate", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AlphaDropout(rate));
    }
}
