using Inertia.Data;
using Inertia.Tensors;

namespace Inertia.Tests.Data;

public class BatchIteratorTests
{
    [Theory]
    [InlineData(100, 32, false)]
    [InlineData(100, 25, false)]
    [InlineData(7, 7, false)]
    [InlineData(101, 10, true)]
    public void Every_sample_is_visited_exactly_once_per_epoch(int count, int batchSize, bool shuffle)
    {
        var data = DatasetTests.Numbered(count);
        var it = new BatchIterator(data, batchSize, shuffle, seed: 3);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            it.StartEpoch(epoch);
            var seen = new int[count];
            int batches = 0;
            while (it.MoveNext())
            {
                batches++;
                Assert.Equal(it.Count, it.Features.Shape[0]);
                Assert.Equal(it.Count, it.Targets.Shape[0]);
                for (int j = 0; j < it.Count; j++)
                {
                    int sample = it.Indices[j];
                    seen[sample]++;
                    Assert.Equal(sample, it.Features[j, 0]);
                    Assert.Equal(-sample, it.Features[j, 1]);
                    Assert.Equal(sample % 3, it.Targets[j]);
                }
            }
            Assert.Equal(it.BatchesPerEpoch, batches);
            Assert.All(seen, s => Assert.Equal(1, s));
        }
    }

    [Fact]
    public void The_last_batch_is_smaller_or_dropped()
    {
        var data = DatasetTests.Numbered(10);
        var keep = new BatchIterator(data, 4, shuffle: false);
        var sizes = new List<int>();
        while (keep.MoveNext()) sizes.Add(keep.Count);
        Assert.Equal([4, 4, 2], sizes);
        Assert.Equal(new Shape(2, 2), keep.Features.Shape);

        var drop = new BatchIterator(data, 4, shuffle: false, dropRemainder: true);
        sizes.Clear();
        while (drop.MoveNext()) sizes.Add(drop.Count);
        Assert.Equal([4, 4], sizes);
    }

    [Fact]
    public void The_order_is_a_function_of_seed_and_epoch()
    {
        var data = DatasetTests.Numbered(64);
        int[] Order(BatchIterator it, int epoch)
        {
            it.StartEpoch(epoch);
            var order = new List<int>();
            while (it.MoveNext()) order.AddRange(it.Indices.ToArray());
            return [.. order];
        }
        var a = new BatchIterator(data, 8, seed: 5);
        var b = new BatchIterator(data, 8, seed: 5);
        var c = new BatchIterator(data, 8, seed: 6);
        int[] a0 = Order(a, 0), a1 = Order(a, 1);
        Assert.NotEqual(a0, a1);
        Assert.Equal(a1, Order(b, 1)); // a resumed run sees epoch 1's batches without replaying epoch 0
        Assert.Equal(a0, Order(b, 0));
        Assert.NotEqual(a0, Order(c, 0));
        Assert.Equal(Enumerable.Range(0, 64), Order(new BatchIterator(data, 8, shuffle: false), 4));
    }

    [Fact]
    public void A_steady_state_epoch_allocates_nothing()
    {
        var images = SyntheticShapes.Generate(1_000, seed: 1);
        var it = new BatchIterator(images, 32, shuffle: true, seed: 2);
        void Epoch(int e)
        {
            it.StartEpoch(e);
            while (it.MoveNext()) { }
        }
        Epoch(0);
        Assert.Equal(0, ThreadAllocations.During(() =>
        {
            for (int e = 1; e <= 3; e++) Epoch(e);
        }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void Batch_size_must_fit_the_data(int batchSize)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new BatchIterator(DatasetTests.Numbered(10), batchSize));
        Assert.Equal("batchSize", e.ParamName);
    }

    [Fact]
    public void Regression_targets_travel_with_their_rows()
    {
        var data = SineRegression.Generate(50, seed: 1, features: 3);
        var it = new BatchIterator(data, 16, seed: 8);
        while (it.MoveNext())
            for (int j = 0; j < it.Count; j++)
            {
                int s = it.Indices[j];
                Assert.Equal(new Shape(it.Count, 1), it.Targets.Shape);
                Assert.Equal(data.Targets[s, 0], it.Targets[j, 0]);
                Assert.Equal(data.Features[s, 2], it.Features[j, 2]);
            }
    }
}
