using Inertia.Data;
using Inertia.Tensors;

namespace Inertia.Tests.Data;

public class DatasetTests
{
    internal static Dataset Numbered(int count, int classes = 3)
    {
        var x = new Tensor(count, 2);
        var y = new Tensor(count);
        for (int i = 0; i < count; i++)
        {
            x[i, 0] = i;
            x[i, 1] = -i;
            y[i] = i % classes;
        }
        return Dataset.Classification(x, y, classes);
    }

    [Fact]
    public void Classification_exposes_counts_and_shapes()
    {
        var d = Numbered(10);
        Assert.Equal(10, d.Count);
        Assert.Equal(new Shape(2), d.SampleShape);
        Assert.Equal(2, d.FeatureSize);
        Assert.Equal(1, d.TargetSize);
        Assert.True(d.IsClassification);
        Assert.Equal([4, 3, 3], d.ClassCounts());
    }

    [Fact]
    public void NaN_feature_is_rejected_naming_sample_and_feature()
    {
        var x = new Tensor(5, 3);
        x[3 * 3 + 2] = float.NaN;
        var e = Assert.Throws<ArgumentException>(() => Dataset.Classification(x, new Tensor(5), 2));
        Assert.Contains("Feature 2 of sample 3", e.Message);
        Assert.Equal("features", e.ParamName);
    }

    [Fact]
    public void Infinite_regression_target_is_rejected()
    {
        var y = new Tensor(4, 2);
        y[1, 1] = float.PositiveInfinity;
        var e = Assert.Throws<ArgumentException>(() => Dataset.Regression(new Tensor(4, 1), y));
        Assert.Contains("Target 1 of sample 1", e.Message);
    }

    [Theory]
    [InlineData(3f)]
    [InlineData(-1f)]
    [InlineData(0.5f)]
    [InlineData(float.NaN)]
    public void Labels_must_be_class_indices(float bad)
    {
        var y = new Tensor(4);
        y[2] = bad;
        var e = Assert.Throws<ArgumentException>(() => Dataset.Classification(new Tensor(4, 1), y, 3));
        Assert.Contains("sample 2", e.Message);
    }

    [Fact]
    public void Mismatched_sample_counts_name_both_shapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Dataset.Classification(new Tensor(4, 2), new Tensor(5), 2));
        Assert.Contains("(4, 2)", e.Message);
        Assert.Contains("(5,)", e.Message);
    }

    [Fact]
    public void Class_names_must_match_the_class_count()
    {
        Assert.Throws<ArgumentException>(() => Dataset.Classification(new Tensor(2, 1), new Tensor(2), 2, ["a"]));
    }

    [Fact]
    public void Split_takes_the_validation_part_from_the_end_unshuffled()
    {
        var (train, validation) = Numbered(10_000).Split(0.2);
        Assert.Equal(8_000, train.Count);
        Assert.Equal(2_000, validation.Count);
        Assert.Equal(0f, train.Features[0, 0]);
        Assert.Equal(7_999f, train.Features[7_999, 0]);
        Assert.Equal(8_000f, validation.Features[0, 0]);
        Assert.Equal(9_999f, validation.Features[1_999, 0]);
        Assert.Equal(8_000f % 3, validation.Targets[0]);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(0.01)] // 1% of 10 samples leaves the validation part empty
    public void Split_rejects_fractions_that_leave_a_part_empty(double fraction)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Numbered(10).Split(fraction));
    }

    [Fact]
    public void TrainTestSplit_is_a_seeded_partition()
    {
        var d = Numbered(100);
        var (train, test) = d.TrainTestSplit(0.25, seed: 9);
        var (train2, _) = d.TrainTestSplit(0.25, seed: 9);
        var (train3, _) = d.TrainTestSplit(0.25, seed: 10);
        Assert.Equal(75, train.Count);
        Assert.Equal(25, test.Count);
        var all = train.Features.ToArray().Where((_, i) => i % 2 == 0).Concat(test.Features.ToArray().Where((_, i) => i % 2 == 0));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (float)i), all.Order());
        Assert.Equal(train.Features.ToArray(), train2.Features.ToArray());
        Assert.NotEqual(train.Features.ToArray(), train3.Features.ToArray());
        for (int i = 0; i < train.Count; i++)
            Assert.Equal(train.Features[i, 0] % 3, train.Targets[i]);
    }

    [Fact]
    public void Shuffle_is_deterministic_for_a_seed_and_keeps_rows_with_their_labels()
    {
        var d = Numbered(50);
        var a = d.Shuffle(4);
        var b = d.Shuffle(4);
        Assert.Equal(a.Features.ToArray(), b.Features.ToArray());
        Assert.Equal(a.Targets.ToArray(), b.Targets.ToArray());
        Assert.NotEqual(d.Features.ToArray(), a.Features.ToArray());
        for (int i = 0; i < 50; i++)
        {
            Assert.Equal(-a.Features[i, 0], a.Features[i, 1]);
            Assert.Equal(a.Features[i, 0] % 3, a.Targets[i]);
        }
    }

    [Fact]
    public void Slice_and_Take_are_views_of_the_requested_rows()
    {
        var d = Numbered(10);
        var s = d.Slice(3, 4);
        Assert.Equal(4, s.Count);
        Assert.Equal(3f, s.Features[0, 0]);
        Assert.Same(d.Features.Data, s.Features.Data);
        Assert.Equal(2, d.Take(2).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => d.Slice(8, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => d.Take(11));
    }

    [Fact]
    public void Select_rejects_an_index_outside_the_data()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Numbered(5).Select([0, 5]));
    }
}
