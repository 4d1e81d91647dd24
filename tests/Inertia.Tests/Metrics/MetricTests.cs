using Inertia.Metrics;
using Inertia.Tensors;

namespace Inertia.Tests.Metrics;

/// <summary>Expected values are the examples of the Keras documentation.</summary>
public class MetricTests
{
    private static Tensor T(float[] v, params int[] dims) => Tensor.FromArray(v, dims);

    private static double Run(Metric m, Tensor prediction, Tensor target)
    {
        m.Reset();
        m.Update(prediction, target);
        return m.Result();
    }

    [Fact]
    public void Sparse_categorical_accuracy_compares_the_argmax_with_the_label() =>
        Assert.Equal(0.5, Run(Metric.Get("sparse_categorical_accuracy"), T([0.1f, 0.6f, 0.3f, 0.05f, 0.95f, 0], 2, 3), T([2, 1], 2, 1)));

    [Fact]
    public void Categorical_accuracy_compares_both_argmaxes() =>
        Assert.Equal(0.5, Run(Metric.Get("categorical_accuracy"), T([0.1f, 0.9f, 0.8f, 0.05f, 0.95f, 0], 2, 3), T([0, 0, 1, 0, 1, 0], 2, 3)));

    [Fact]
    public void Accuracy_picks_the_kind_keras_compile_picks()
    {
        Assert.Equal(0.75, Run(Metric.Get("accuracy"), T([0.98f, 1, 0, 0.6f], 4, 1), T([1, 1, 0, 0], 4, 1)));
        Assert.Equal(0.5, Run(Metric.Get("accuracy"), T([0.1f, 0.6f, 0.3f, 0.05f, 0.95f, 0], 2, 3), T([2, 1], 2)));
        Assert.Equal(0.5, Run(Metric.Get("accuracy"), T([0.1f, 0.9f, 0.8f, 0.05f, 0.95f, 0], 2, 3), T([0, 0, 1, 0, 1, 0], 2, 3)));
    }

    [Fact]
    public void Mean_errors_average_over_every_sample_seen()
    {
        var mae = Metric.Get("mae");
        Assert.Equal("mae", mae.Name);
        Assert.Equal(0.25, Run(mae, T([1, 1, 0, 0], 2, 2), T([0, 1, 0, 0], 2, 2)));
        Assert.Equal(0.25, Run(Metric.Get("mse"), T([1, 1, 0, 0], 2, 2), T([0, 1, 0, 0], 2, 2)));

        var mse = Metric.Get("mean_squared_error");
        mse.Update(T([2], 1, 1), T([0], 1, 1));
        mse.Update(T([1, 1], 2, 1), T([0, 0], 2, 1));
        Assert.Equal(2.0, mse.Result(), 12);
    }

    [Fact]
    public void Accuracy_accumulates_over_batches_and_resets()
    {
        var acc = Metric.Get("accuracy");
        acc.Update(T([0.9f, 0.1f], 1, 2), T([0], 1));
        acc.Update(T([0.9f, 0.1f, 0.2f, 0.8f, 0.3f, 0.7f], 3, 2), T([1, 1, 1], 3));
        Assert.Equal(0.75, acc.Result());
        acc.Reset();
        Assert.Equal(0, acc.Result());
    }

    [Fact]
    public void Mismatched_shapes_name_both_and_unknown_names_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Metric.Get("categorical_accuracy").Update(new Tensor(2, 3), new Tensor(2, 4)));
        Assert.Contains("(2, 3)", e.Message);
        Assert.Contains("(2, 4)", e.Message);
        Assert.Throws<ArgumentException>(() => Metric.Get("f1"));
    }
}
