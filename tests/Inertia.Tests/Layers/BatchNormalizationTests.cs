using Inertia.Autograd;
using Inertia.Layers;
using Inertia.Tensors;
using Inertia.Tests.Autograd;

namespace Inertia.Tests.Layers;

public class BatchNormalizationTests
{
    private static (BatchNormalization Layer, Tensor X) Setup(int rows = 64, int features = 3)
    {
        var layer = new BatchNormalization(name: "batch_normalization");
        layer.Build(new Shape(features));
        _ = new ParameterArena(layer.Parameters);
        layer.InitializeWeights(1);
        var x = GradientCheck.Uniform(new Shape(rows, features), 2, -1, 5);
        return (layer, x);
    }

    private static (double[] Mean, double[] Var) Moments(Tensor x)
    {
        int c = x.Shape[1], n = x.Shape[0];
        var mean = new double[c];
        var variance = new double[c];
        for (int j = 0; j < c; j++)
        {
            for (int r = 0; r < n; r++) mean[j] += x[r, j];
            mean[j] /= n;
            for (int r = 0; r < n; r++) variance[j] += (x[r, j] - mean[j]) * (x[r, j] - mean[j]);
            variance[j] /= n;
        }
        return (mean, variance);
    }

    [Fact]
    public void Training_normalizes_with_the_batch_statistics()
    {
        var (layer, x) = Setup();
        var y = layer.Call(new Tape(), new Tape().Constant(x), training: true).Value;
        var (mean, variance) = Moments(y);
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(0, mean[j], 1e-5);
            // Biased variance v normalized with ε = 1e-3: v / (v + ε).
            var (_, xv) = Moments(x);
            Assert.Equal(xv[j] / (xv[j] + 1e-3), variance[j], 1e-4);
        }
    }

    [Fact]
    public void Training_updates_the_moving_statistics_like_keras()
    {
        var (layer, x) = Setup();
        var (mean, variance) = Moments(x);
        layer.Call(new Tape(), new Tape().Constant(x), training: true);
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(0.01 * mean[j], layer.MovingMean[j], 1e-5);
            Assert.Equal(0.99 + 0.01 * variance[j], layer.MovingVariance[j], 1e-5);
        }
        layer.Call(new Tape(), new Tape().Constant(x), training: true);
        Assert.Equal(0.99 * 0.01 * mean[0] + 0.01 * mean[0], layer.MovingMean[0], 1e-5);
    }

    [Fact]
    public void Inference_uses_the_moving_statistics_and_leaves_them_unchanged()
    {
        var (layer, x) = Setup();
        layer.MovingMean.Span.Fill(2f);
        layer.MovingVariance.Span.Fill(4f);
        var y = layer.Call(new Tape(false), new Tape(false).Constant(x), training: false).Value;
        Assert.Equal((x[5, 1] - 2) / Math.Sqrt(4.001), y[5, 1], 1e-5);
        Assert.All(layer.MovingMean.ToArray(), v => Assert.Equal(2f, v));
        Assert.All(layer.MovingVariance.ToArray(), v => Assert.Equal(4f, v));
    }

    [Fact]
    public void A_frozen_layer_runs_in_inference_mode_even_when_training()
    {
        var (layer, x) = Setup();
        layer.Trainable = false;
        var y = layer.Call(new Tape(), new Tape().Constant(x), training: true).Value;
        Assert.Equal(x[3, 2] / Math.Sqrt(1.001), y[3, 2], 1e-5);
        Assert.All(layer.MovingMean.ToArray(), v => Assert.Equal(0f, v));
        Assert.Equal(0, layer.TrainableParameterCount);
        Assert.Equal(12, layer.NonTrainableParameterCount);
    }

    [Fact]
    public void Gamma_and_beta_are_trainable_and_the_moving_statistics_are_state()
    {
        var (layer, _) = Setup(features: 5);
        Assert.Equal(["batch_normalization/gamma", "batch_normalization/beta"], layer.Parameters.Select(p => p.Name));
        Assert.Equal(["batch_normalization/moving_mean", "batch_normalization/moving_variance"], layer.States.Select(s => s.Name));
        Assert.Equal(10, layer.TrainableParameterCount);
        Assert.Equal(10, layer.NonTrainableParameterCount);
    }

    [Fact]
    public void Hyperparameters_out_of_range_are_rejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new BatchNormalization(momentum: 1.5));
        Assert.Equal("momentum", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchNormalization(epsilon: 0f));
    }
}
