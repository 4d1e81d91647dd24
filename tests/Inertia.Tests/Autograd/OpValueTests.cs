using Inertia.Autograd;
using Inertia.Autograd.Ops;
using Inertia.Tensors;

namespace Inertia.Tests.Autograd;

public class OpValueTests
{
    private static Variable C(Tape t, float[] v, params int[] dims) => t.Constant(Tensor.FromArray(v, dims));

    [Fact]
    public void Add_broadcasts_like_numpy()
    {
        var t = new Tape(false);
        var y = t.Add(C(t, [1, 2, 3, 4, 5, 6], 2, 3), C(t, [10, 20], 2, 1));
        Assert.Equal(new Shape(2, 3), y.Shape);
        Assert.Equal([11, 12, 13, 24, 25, 26], y.Value.ToArray());
        var z = t.Multiply(C(t, [1, 2, 3], 3), C(t, [1, 10], 2, 1));
        Assert.Equal([1, 2, 3, 10, 20, 30], z.Value.ToArray());
    }

    [Fact]
    public void Broadcasting_incompatible_shapes_names_both()
    {
        var t = new Tape(false);
        var e = Assert.Throws<ArgumentException>(() => t.Add(C(t, new float[6], 2, 3), C(t, new float[2], 2)));
        Assert.Contains("(2, 3)", e.Message);
        Assert.Contains("(2,)", e.Message);
    }

    [Fact]
    public void Sum_and_mean_reduce_the_requested_axes()
    {
        var t = new Tape(false);
        var x = C(t, [1, 2, 3, 4, 5, 6], 2, 3);
        Assert.Equal([5, 7, 9], t.Sum(x, [0]).Value.ToArray());
        Assert.Equal(new Shape(2, 1), t.Mean(x, [-1], keepDims: true).Shape);
        Assert.Equal([2, 5], t.Mean(x, [-1], keepDims: true).Value.ToArray());
        Assert.Equal(21f, t.Sum(x).Value[0]);
        Assert.Equal(0, t.Mean(x).Shape.Rank);
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Sum(x, [2]));
    }

    [Fact]
    public void Softmax_is_stable_for_huge_logits()
    {
        var t = new Tape(false);
        var y = t.Softmax(C(t, [1000, 1001, 1002, -1000, -1001, -1002, 0, 1, 2], 3, 3)).Value.ToArray();
        float e0 = 1f / (1 + MathF.E + MathF.E * MathF.E);
        float[] expected = [e0, e0 * MathF.E, e0 * MathF.E * MathF.E];
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(expected[j], y[j], 1e-6f);
            Assert.Equal(expected[2 - j], y[3 + j], 1e-6f);
            Assert.Equal(expected[j], y[6 + j], 1e-6f);
        }
        var loss = t.SoftmaxCrossEntropy(C(t, [1e4f, -1e4f, 0], 1, 3), Tensor.FromArray([1f], 1), sparse: true);
        Assert.Equal(2e4f, loss.Value[0]);
    }

    [Fact]
    public void Gelu_uses_the_exact_erf_form_by_default()
    {
        var t = new Tape(false);
        var y = t.Gelu(C(t, [1, -1, 3, -6], 4)).Value.ToArray();
        Assert.Equal(0.8413447460685429, y[0], 1e-6);
        Assert.Equal(-0.15865525393145707, y[1], 1e-6);
        Assert.Equal(2.995950070762044, y[2], 1e-5);
        // Φ(−6) = 9.8658764503769814e-10; the float result keeps its relative precision in the tail.
        Assert.Equal(1.0, y[3] / (-6 * 9.8658764503769814e-10), 1e-6);
        var a = t.Gelu(C(t, [1], 1), approximate: true).Value[0];
        Assert.Equal(0.8411919906082768, a, 1e-6);
    }

    [Theory]
    [InlineData(0.5, 0.5204998778130465)]
    [InlineData(1.0, 0.8427007929497149)]
    [InlineData(2.0, 0.9953222650189527)]
    [InlineData(2.6, 0.9997639655834707)]
    [InlineData(-3.0, -0.9999779095030014)]
    public void Erf_matches_reference_values(double z, double expected) =>
        Assert.Equal(expected, SpecialFunctions.Erf(z), 1e-15);

    [Fact]
    public void Erfc_keeps_precision_in_the_tail() =>
        Assert.Equal(1.0, SpecialFunctions.Erfc(3.0) / 2.209049699858544e-05, 13);

    [Fact]
    public void Activations_match_keras_formulas()
    {
        var t = new Tape(false);
        var x = C(t, [-2, 0.5f], 2);
        Assert.Equal([-0.4f, 0.5f], t.LeakyRelu(x).Value.ToArray());
        var elu = t.Elu(x).Value.ToArray();
        Assert.Equal(Math.Exp(-2) - 1, elu[0], 1e-6);
        var selu = t.Selu(x).Value.ToArray();
        Assert.Equal(1.0507009873554805 * 1.6732632423543772 * (Math.Exp(-2) - 1), selu[0], 1e-5);
        Assert.Equal(1.0507009873554805 * 0.5, selu[1], 1e-6);
        var swish = t.Swish(x).Value.ToArray();
        Assert.Equal(-2 / (1 + Math.Exp(2)), swish[0], 1e-6);
        var mish = t.Mish(x).Value.ToArray();
        Assert.Equal(0.5 * Math.Tanh(Math.Log(1 + Math.Exp(0.5))), mish[1], 1e-6);
    }

    [Fact]
    public void Dropout_mask_depends_only_on_seed_step_and_index()
    {
        var t = new Tape(false);
        var x = C(t, Enumerable.Repeat(1f, 10_000).ToArray(), 100, 100);
        var a = t.Dropout(x, 0.3f, 7, 1).Value.ToArray();
        var b = new Tape(false).Dropout(x, 0.3f, 7, 1).Value.ToArray();
        var c = t.Dropout(x, 0.3f, 7, 2).Value.ToArray();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        double dropped = a.Count(v => v == 0f) / 10_000.0;
        Assert.InRange(dropped, 0.27, 0.33);
        Assert.All(a, v => Assert.True(v == 0f || v == 1f / 0.7f));
    }
}
