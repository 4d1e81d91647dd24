using Inertia.Autograd;
using Inertia.Losses;
using Inertia.Tensors;

namespace Inertia.Tests.Losses;

/// <summary>Expected values are the examples of the Keras documentation, or computed by hand from Keras's formulas.</summary>
public class LossValueTests
{
    private static float Value(Loss loss, Tensor prediction, Tensor target)
    {
        var tape = new Tape(recordGradients: false);
        return loss.Call(tape, tape.Constant(prediction), target).Value[0];
    }

    private static Tensor T(float[] v, params int[] dims) => Tensor.FromArray(v, dims);

    private static readonly Tensor Truth = T([0, 1, 0, 0], 2, 2);

    [Fact]
    public void Mean_squared_and_absolute_error_match_keras() 
    {
        Assert.Equal(0.5f, Value(Loss.Get("mse"), T([1, 1, 1, 0], 2, 2), Truth));
        Assert.Equal(0.5f, Value(Loss.Get("mean_absolute_error"), T([1, 1, 1, 0], 2, 2), Truth));
    }

    [Fact]
    public void Huber_matches_keras_on_both_branches()
    {
        Assert.Equal(0.155f, Value(new Huber(), T([0.6f, 0.4f, 0.4f, 0.6f], 2, 2), Truth), 1e-6f);
        // |d| = 3 with δ = 1: 1·3 − ½ = 2.5.
        Assert.Equal(2.5f, Value(new Huber(1f), T([3f], 1), T([0f], 1)), 1e-6f);
    }

    [Fact]
    public void Binary_crossentropy_matches_keras_from_probabilities_and_logits()
    {
        Assert.Equal(0.81492424f, Value(new BinaryCrossentropy(), T([0.6f, 0.4f, 0.4f, 0.6f], 2, 2), Truth), 1e-5f);
        Assert.Equal(0.8654579f, Value(new BinaryCrossentropy(fromLogits: true), T([-18.6f, 0.51f, 2.94f, -12.8f], 4), T([0, 1, 0, 0], 4)), 1e-5f);
        // A probability of exactly 0 for a positive target is clipped to 1e-7: −log(1e-7).
        Assert.Equal(16.118095f, Value(new BinaryCrossentropy(), T([0f], 1, 1), T([1f], 1, 1)), 1e-4f);
    }

    [Fact]
    public void Categorical_crossentropies_match_keras()
    {
        var p = T([0.05f, 0.95f, 0f, 0.1f, 0.8f, 0.1f], 2, 3);
        Assert.Equal(1.1769392f, Value(new CategoricalCrossentropy(), p, T([0, 1, 0, 0, 0, 1], 2, 3)), 1e-5f);
        Assert.Equal(1.1769392f, Value(new SparseCategoricalCrossentropy(), p, T([1, 2], 2)), 1e-5f);
        Assert.Equal(1.1769392f, Value(new SparseCategoricalCrossentropy(), p, T([1, 2], 2, 1)), 1e-5f);
    }

    [Fact]
    public void Probabilities_are_renormalized_and_clipped_like_keras()
    {
        // Rows are divided by their sum first: [2, 6] is [0.25, 0.75].
        Assert.Equal(-MathF.Log(0.75f), Value(new SparseCategoricalCrossentropy(), T([2, 6], 1, 2), T([1], 1)), 1e-6f);
        Assert.Equal(-MathF.Log(1e-7f), Value(new SparseCategoricalCrossentropy(), T([0, 1], 1, 2), T([0], 1)), 1e-4f);
    }

    [Fact]
    public void Crossentropy_from_logits_equals_crossentropy_of_the_softmax()
    {
        float[] logits = [2, -1, 0.5f, 0, 3, -2];
        double expected = 0;
        for (int r = 0; r < 2; r++)
        {
            double lse = Math.Log(Enumerable.Range(0, 3).Sum(j => Math.Exp(logits[r * 3 + j])));
            expected += lse - logits[r * 3 + (r == 0 ? 2 : 1)];
        }
        expected /= 2;
        Assert.Equal(expected, Value(new SparseCategoricalCrossentropy(fromLogits: true), T(logits, 2, 3), T([2, 1], 2)), 1e-6);
        Assert.Equal(expected, Value(new CategoricalCrossentropy(fromLogits: true), T(logits, 2, 3), T([0, 0, 1, 0, 1, 0], 2, 3)), 1e-6);
    }

    [Fact]
    public void Out_of_range_labels_name_the_sample()
    {
        var e = Assert.Throws<ArgumentException>(() => Value(new SparseCategoricalCrossentropy(true), new Tensor(3, 4), T([0, 4, 1], 3)));
        Assert.Contains("sample 1", e.Message);
        var f = Assert.Throws<ArgumentException>(() => Value(new SparseCategoricalCrossentropy(), new Tensor(3, 4), T([0, 1, 1.5f], 3)));
        Assert.Contains("sample 2", f.Message);
    }

    [Fact]
    public void Mismatched_shapes_name_both()
    {
        var e = Assert.Throws<ArgumentException>(() => Value(new MeanSquaredError(), new Tensor(3, 4), new Tensor(3, 5)));
        Assert.Contains("(3, 4)", e.Message);
        Assert.Contains("(3, 5)", e.Message);
        var s = Assert.Throws<ArgumentException>(() => Value(new SparseCategoricalCrossentropy(), new Tensor(3, 4), new Tensor(4)));
        Assert.Contains("(4,)", s.Message);
        Assert.Contains("(3, 4)", s.Message);
    }

    [Fact]
    public void Losses_are_found_by_keras_name_and_round_trip_their_config()
    {
        foreach (var name in Loss.Names)
        {
            var loss = Loss.Get(name);
            var back = Loss.FromConfig(loss.Name, loss.GetConfig());
            Assert.Equal(loss.GetType(), back.GetType());
        }
        var bce = (BinaryCrossentropy)Loss.FromConfig("binary_crossentropy", new BinaryCrossentropy(true).GetConfig());
        Assert.True(bce.FromLogits);
        Assert.Equal("delta", Assert.Throws<ArgumentOutOfRangeException>(() => new Huber(0f)).ParamName);
        Assert.Throws<ArgumentException>(() => Loss.Get("hinge2"));
    }
}
