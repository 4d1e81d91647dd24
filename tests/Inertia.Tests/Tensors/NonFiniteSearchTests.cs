using Inertia.Tensors;

namespace Inertia.Tests.Tensors;

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

    // Finite values of every magnitude, extremes and subnormals included.
    private static float[] Values(int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
            values[i] = (i % 4) switch { 0 => -float.MaxValue, 1 => float.Epsilon, 2 => -0f, _ => i * 0.37f };
        return values;
    }
}
