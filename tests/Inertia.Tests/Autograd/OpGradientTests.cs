using Inertia.Autograd;
using Inertia.Autograd.Ops;
using Inertia.Tensors;

namespace Inertia.Tests.Autograd;

public class OpGradientTests
{
    private static Shape S(params int[] d) => new(d);

    private static Tensor Labels(params float[] v) => Tensor.FromArray(v, v.Length);

    private static void Unary(Func<Tape, Variable, Variable> op, double gap = 0.1, double max = 2.0)
    {
        var ps = GradientCheck.Parameters(GradientCheck.Random(S(3, 5), 1, max, gap));
        GradientCheck.Check(ps, t => op(t, t.Parameter(ps[0])));
    }

    private static void Binary(Func<Tape, Variable, Variable, Variable> op, Shape a, Shape b)
    {
        var ps = GradientCheck.Parameters(GradientCheck.Random(a, 2), GradientCheck.Random(b, 3));
        GradientCheck.Check(ps, t => op(t, t.Parameter(ps[0]), t.Parameter(ps[1])));
    }

    public static TheoryData<int[], int[]> BroadcastPairs => new()
    {
        { [3, 4], [3, 4] },
        { [3, 4], [4] },
        { [4], [3, 4] },
        { [2, 3, 4], [3, 1] },
        { [2, 1, 4], [1, 3, 1] },
        { [3, 4], [] },
        { [2, 3], [2, 1] },
    };

    [Fact]
    public void MatMul_gradient_matches_finite_differences()
    {
        var ps = GradientCheck.Parameters(GradientCheck.Random(S(3, 4), 1), GradientCheck.Random(S(4, 5), 2));
        GradientCheck.Check(ps, t => t.MatMul(t.Parameter(ps[0]), t.Parameter(ps[1])));
    }

    [Fact]
    public void BiasAdd_gradient_matches_finite_differences() =>
        Binary((t, a, b) => t.BiasAdd(a, b), S(3, 4), S(4));

    [Theory]
    [MemberData(nameof(BroadcastPairs))]
    public void Add_gradient_matches_finite_differences_with_broadcasting(int[] a, int[] b) =>
        Binary((t, x, y) => t.Add(x, y), S(a), S(b));

    [Theory]
    [MemberData(nameof(BroadcastPairs))]
    public void Subtract_gradient_matches_finite_differences_with_broadcasting(int[] a, int[] b) =>
        Binary((t, x, y) => t.Subtract(x, y), S(a), S(b));

    [Theory]
    [MemberData(nameof(BroadcastPairs))]
    public void Multiply_gradient_matches_finite_differences_with_broadcasting(int[] a, int[] b) =>
        Binary((t, x, y) => t.Multiply(x, y), S(a), S(b));

    [Fact]
    public void Multiply_of_a_variable_with_itself_accumulates_both_gradients()
    {
        var ps = GradientCheck.Parameters(GradientCheck.Random(S(2, 3), 4));
        GradientCheck.Check(ps, t => t.Multiply(t.Parameter(ps[0]), t.Parameter(ps[0])));
    }

    [Fact]
    public void Scale_gradient_matches_finite_differences() => Unary((t, x) => t.Scale(x, -2.5f));

    [Fact]
    public void Relu_gradient_matches_finite_differences() => Unary((t, x) => t.Relu(x));

    [Fact]
    public void Relu_backward_adds_dy_exactly_where_the_output_is_positive_and_keeps_dx_elsewhere()
    {
        // 37 elements: whole vectors and a tail, with zeros of both signs and a NaN input.
        var x = GradientCheck.Random(S(37), 5);
        x[3] = 0f;
        x[4] = -0f;
        x[9] = float.NaN;
        var ps = GradientCheck.Parameters(x);
        var before = GradientCheck.Random(S(37), 6);
        before.Span.CopyTo(ps[0].Gradient.Span);
        var w = GradientCheck.Random(S(37), 7);
        var tape = new Tape();
        tape.Backward(tape.Sum(tape.Multiply(tape.Relu(tape.Parameter(ps[0])), tape.Constant(w))));
        var expected = new float[37];
        for (int i = 0; i < 37; i++) expected[i] = x[i] > 0f ? before[i] + w[i] : before[i];
        Assert.Equal(expected, ps[0].Gradient.ToArray());
    }

    [Fact]
    public void LeakyRelu_gradient_matches_finite_differences() => Unary((t, x) => t.LeakyRelu(x, 0.15f));

    [Fact]
    public void Elu_gradient_matches_finite_differences() => Unary((t, x) => t.Elu(x, 1.3f));

    [Fact]
    public void Selu_gradient_matches_finite_differences() => Unary((t, x) => t.Selu(x));

    [Fact]
    public void Gelu_gradient_matches_finite_differences() => Unary((t, x) => t.Gelu(x), gap: 0, max: 4);

    [Fact]
    public void Approximate_gelu_gradient_matches_finite_differences() => Unary((t, x) => t.Gelu(x, approximate: true), gap: 0, max: 4);

    [Fact]
    public void Swish_gradient_matches_finite_differences() => Unary((t, x) => t.Swish(x), gap: 0, max: 4);

    [Fact]
    public void Mish_gradient_matches_finite_differences() => Unary((t, x) => t.Mish(x), gap: 0, max: 4);

    [Fact]
    public void Sigmoid_gradient_matches_finite_differences() => Unary((t, x) => t.Sigmoid(x), gap: 0, max: 4);

    [Fact]
    public void Tanh_gradient_matches_finite_differences() => Unary((t, x) => t.Tanh(x), gap: 0, max: 3);

    [Fact]
    public void Softmax_gradient_matches_finite_differences() => Unary((t, x) => t.Softmax(x), gap: 0, max: 3);

    [Theory]
    [InlineData(new[] { 3, 4 }, new int[0])]
    [InlineData(new[] { 1, 4 }, new int[0])]
    [InlineData(new[] { 1, 1, 4 }, new int[0])]
    [InlineData(new[] { 3, 1, 4 }, new[] { 1 })]
    [InlineData(new[] { 3, 4 }, new[] { 1, 4 })]
    public void PRelu_gradient_matches_finite_differences_for_x_and_alpha(int[] xFeatures, int[] alphaShape)
    {
        // xFeatures is a batch shape; alpha defaults to its per-sample shape.
        var xs = S(xFeatures);
        var alpha = alphaShape.Length == 0 ? xs.DropFirst() : S(alphaShape);
        var ps = GradientCheck.Parameters(GradientCheck.Random(xs, 5), GradientCheck.Uniform(alpha, 6, 0.05, 0.5));
        GradientCheck.Check(ps, t => t.PRelu(t.Parameter(ps[0]), t.Parameter(ps[1])));
    }

    [Fact]
    public void Sum_of_all_elements_gradient_matches_finite_differences() => Unary((t, x) => t.Sum(x));

    [Fact]
    public void Mean_of_all_elements_gradient_matches_finite_differences() => Unary((t, x) => t.Mean(x));

    [Theory]
    [InlineData(new[] { 0 }, false)]
    [InlineData(new[] { 1 }, true)]
    [InlineData(new[] { -1, 0 }, false)]
    [InlineData(new[] { 0, 2 }, true)]
    public void Sum_and_mean_over_axes_gradients_match_finite_differences(int[] axes, bool keepDims)
    {
        var ps = GradientCheck.Parameters(GradientCheck.Random(S(2, 3, 4), 7));
        GradientCheck.Check(ps, t => t.Sum(t.Parameter(ps[0]), axes, keepDims));
        GradientCheck.Check(ps, t => t.Mean(t.Parameter(ps[0]), axes, keepDims));
    }

    [Fact]
    public void Reshape_views_the_gradient_of_its_input()
    {
        var ps = GradientCheck.Parameters(GradientCheck.Random(S(2, 3, 4), 8));
        GradientCheck.Check(ps, t => t.Tanh(t.Reshape(t.Parameter(ps[0]), S(6, 4))));
    }

    [Fact]
    public void Sparse_softmax_cross_entropy_gradient_matches_finite_differences()
    {
        var ps = GradientCheck.Parameters(GradientCheck.Random(S(4, 5), 9, 3, 0));
        GradientCheck.Check(ps, t => t.SoftmaxCrossEntropy(t.Parameter(ps[0]), Labels(0, 4, 2, 2), sparse: true));
    }

    [Fact]
    public void Dense_softmax_cross_entropy_gradient_matches_finite_differences_with_soft_labels()
    {
        var ps = GradientCheck.Parameters(GradientCheck.Random(S(3, 4), 10, 3, 0));
        var target = Tensor.FromArray([0, 1, 0, 0, 0.2f, 0.3f, 0.5f, 0, 0, 0, 0, 1], 3, 4);
        GradientCheck.Check(ps, t => t.SoftmaxCrossEntropy(t.Parameter(ps[0]), target, sparse: false));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Probability_cross_entropy_gradient_matches_finite_differences(bool sparse)
    {
        var ps = GradientCheck.Parameters(GradientCheck.Uniform(S(3, 4), 11, 0.2, 1.0));
        var target = sparse ? Labels(1, 3, 0) : Tensor.FromArray([0, 1, 0, 0, 0.5f, 0, 0, 0.5f, 1, 0, 0, 0], 3, 4);
        GradientCheck.Check(ps, t => t.CategoricalCrossEntropy(t.Parameter(ps[0]), target, sparse));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Binary_cross_entropy_gradient_matches_finite_differences(bool fromLogits)
    {
        var x = fromLogits ? GradientCheck.Random(S(4, 2), 12, 3, 0) : GradientCheck.Uniform(S(4, 2), 12, 0.1, 0.9);
        var ps = GradientCheck.Parameters(x);
        var target = Tensor.FromArray([0, 1, 1, 1, 0, 0, 1, 0.3f], 4, 2);
        GradientCheck.Check(ps, t => t.BinaryCrossEntropy(t.Parameter(ps[0]), target, fromLogits));
    }

    [Fact]
    public void Mean_squared_error_gradient_matches_finite_differences()
    {
        var ps = GradientCheck.Parameters(GradientCheck.Random(S(4, 3), 13));
        GradientCheck.Check(ps, t => t.MeanSquaredError(t.Parameter(ps[0]), GradientCheck.Random(S(4, 3), 14)));
    }

    [Fact]
    public void Mean_absolute_error_gradient_matches_finite_differences()
    {
        // Prediction and target differ by at least 0.1 everywhere: away from the kink of |d|.
        var ps = GradientCheck.Parameters(GradientCheck.Random(S(4, 3), 15));
        GradientCheck.Check(ps, t => t.MeanAbsoluteError(t.Parameter(ps[0]), new Tensor(S(4, 3))));
    }

    [Fact]
    public void Huber_gradient_matches_finite_differences_on_both_branches()
    {
        var x = Tensor.FromArray([0.3f, -0.5f, 1.7f, -2.2f, 0.05f, 3f], 6);
        var ps = GradientCheck.Parameters(x);
        GradientCheck.Check(ps, t => t.Huber(t.Parameter(ps[0]), new Tensor(S(6)), delta: 1f));
    }

    [Fact]
    public void Dropout_gradient_matches_finite_differences_for_a_fixed_step()
    {
        var ps = GradientCheck.Parameters(GradientCheck.Random(S(4, 6), 16));
        GradientCheck.Check(ps, t => t.Dropout(t.Parameter(ps[0]), 0.4f, seed: 99, step: 3));
    }

    [Fact]
    public void Alpha_dropout_gradient_matches_finite_differences_for_a_fixed_step()
    {
        var ps = GradientCheck.Parameters(GradientCheck.Random(S(4, 6), 17));
        GradientCheck.Check(ps, t => t.AlphaDropout(t.Parameter(ps[0]), 0.3f, seed: 99, step: 3));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Batch_norm_gradients_match_finite_differences_for_input_gamma_and_beta(bool training)
    {
        var ps = GradientCheck.Parameters(GradientCheck.Random(S(3, 2, 4), 18, 2, 0),
            GradientCheck.Uniform(S(4), 19, 0.5, 1.5), GradientCheck.Uniform(S(4), 20, -0.5, 0.5));
        var mean = GradientCheck.Uniform(S(4), 21, -0.3, 0.3);
        var variance = GradientCheck.Uniform(S(4), 22, 0.5, 2);
        GradientCheck.Check(ps, t => t.BatchNorm(t.Parameter(ps[0]), t.Parameter(ps[1]), t.Parameter(ps[2]),
            mean, variance, 1e-3f, training, 0.99));
    }
}
