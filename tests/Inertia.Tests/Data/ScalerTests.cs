using Inertia.Data;
using Inertia.Tensors;

namespace Inertia.Tests.Data;

public class ScalerTests
{
    private static Dataset Columns(params float[][] rows)
    {
        var x = Tensor.FromArray(rows.SelectMany(r => r).ToArray(), rows.Length, rows[0].Length);
        return Dataset.Regression(x, new Tensor(rows.Length, 1));
    }

    [Fact]
    public void MinMax_maps_the_fitted_range_to_the_target_range_and_reuses_it_on_new_data()
    {
        var train = Columns([0f, 10f], [5f, 20f], [10f, 30f]);
        var scaler = new MinMaxScaler().Fit(train);
        var scaled = scaler.Transform(train).Features;
        Assert.Equal([0f, 0f, 0.5f, 0.5f, 1f, 1f], scaled.ToArray());
        var test = scaler.Transform(Columns([20f, 0f])).Features;
        Assert.Equal([2f, -0.5f], test.ToArray());
    }

    [Fact]
    public void MinMax_shifts_a_constant_feature_to_the_lower_bound()
    {
        var scaled = new MinMaxScaler(-1f, 1f).Fit(Columns([3f, 1f], [3f, 2f])).Transform(Columns([3f, 1f])).Features;
        Assert.Equal([-1f, -1f], scaled.ToArray());
    }

    [Fact]
    public void Standardization_gives_zero_mean_unit_population_deviation()
    {
        var train = Columns([1f, 100f], [2f, 100f], [3f, 100f], [6f, 100f]);
        var scaler = new StandardScaler().Fit(train);
        Assert.Equal(3.0, scaler.Mean[0], 12);
        Assert.Equal(Math.Sqrt(3.5), scaler.StandardDeviation[0], 12);
        var z = scaler.Transform(train).Features;
        double mean = 0, sq = 0;
        for (int i = 0; i < 4; i++) { mean += z[i, 0]; sq += z[i, 0] * z[i, 0]; }
        Assert.Equal(0, mean / 4, 5);
        Assert.Equal(1, sq / 4, 5);
        Assert.All(Enumerable.Range(0, 4), i => Assert.Equal(0f, z[i, 1]));
    }

    [Fact]
    public void Global_scaling_uses_one_mapping_for_all_values()
    {
        var train = Columns([0f, 2f], [4f, 8f]);
        var scaled = new MinMaxScaler(perFeature: false).Fit(train).Transform(train).Features;
        Assert.Equal([0f, 0.25f, 0.5f, 1f], scaled.ToArray());
    }

    [Fact]
    public void Unfitted_or_mismatched_scalers_refuse_to_transform()
    {
        var data = Columns([1f, 2f]);
        Assert.Throws<InvalidOperationException>(() => new StandardScaler().Transform(data));
        var fitted = new MinMaxScaler().Fit(Columns([1f, 2f, 3f]));
        var e = Assert.Throws<ArgumentException>(() => fitted.Transform(data));
        Assert.Contains("3 features", e.Message);
    }

    [Fact]
    public void An_empty_target_range_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MinMaxScaler(1f, 1f));
    }
}
