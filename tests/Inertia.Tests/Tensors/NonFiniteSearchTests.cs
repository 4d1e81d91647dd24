using Inertia.Tensors;

namespace Inertia.Tests.Tensors;

[Collection(ProcessWideThreadsCollection.Name)]
public class NonFiniteSearchTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(1023)]
    [InlineData(1024)]
    [InlineData(2047)]
    [InlineData(3000)]
    public void Finds_every_kind_of_non_finite_value_wherever_it_lies(int position)
    {
        foreach (float bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
        {
            var values = Values(3001);
            values[position] = bad;
            Assert.Equal(position, NonFiniteSearch.IndexOfFirst(values));
        }
    }

    [Fact]
    public void Reports_the_first_of_several_non_finite_values()
    {
        var values = Values(5000);
        values[4100] = float.NaN;
        values[1500] = float.PositiveInfinity;
        values[1499] = float.NegativeInfinity;
        Assert.Equal(1499, NonFiniteSearch.IndexOfFirst(values));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(1024)]
    [InlineData(4099)]
    public void Finite_values_of_any_size_give_minus_one(int length)
    {
        var values = Values(length);
        if (length > 0) values[^1] = float.MaxValue;
        Assert.Equal(-1, NonFiniteSearch.IndexOfFirst(values));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_tensor_searched_in_pieces_on_several_threads_reports_its_first_non_finite_value(int threads)
    {
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = threads;
            var t = new Tensor(1000, 1100);
            Values(t.Size).CopyTo(t.Span);
            Assert.Equal(-1, NonFiniteSearch.IndexOfFirst(t));
            t.Span[1_099_999] = float.NaN;
            Assert.Equal(1_099_999, NonFiniteSearch.IndexOfFirst(t));
            t.Span[300_001] = float.NegativeInfinity;
            Assert.Equal(300_001, NonFiniteSearch.IndexOfFirst(t));
            var rows = t.SliceRows(400, 600);
            Assert.Equal(1_099_999 - 440_000, NonFiniteSearch.IndexOfFirst(rows));
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    // Finite values of every magnitude, extremes and subnormals included.
    private static float[] Values(int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
            values[i] = (i % 4) switch { 0 => -float.MaxValue, 1 => float.Epsilon, 2 => -0f, _ => i * 0.37f };
        return values;
    }
}
