using Inertia.Data;
using Inertia.Initializers;
using Inertia.Tensors;

namespace Inertia.Tests.Initializers;

public class InitializerStatisticsTests
{
    // 400×600: fan_in 400, fan_out 600, fan_avg 500; 240,000 samples put the standard error of the
    // variance near 0.3 %, so 3 % tolerances are both safe and tight enough to catch a wrong constant.
    private static readonly Shape Kernel = new(400, 600);

    private static (double Mean, double Variance, double MaxAbs) Stats(Initializer init, ulong seed = 7)
    {
        var t = new Tensor(Kernel);
        init.Fill(t, new SeededRandom(seed));
        var v = t.ToArray();
        double mean = v.Average(x => (double)x);
        double variance = v.Average(x => (x - mean) * (x - mean));
        return (mean, variance, v.Max(x => Math.Abs((double)x)));
    }

    public static TheoryData<string, double, bool> Keras => new()
    {
        // name, promised variance, bounded by the uniform limit (true) or by 2σ of the truncated normal (false)
        { "glorot_uniform", 2.0 / 1000, true },
        { "glorot_normal", 2.0 / 1000, false },
        { "he_uniform", 2.0 / 400, true },
        { "he_normal", 2.0 / 400, false },
        { "lecun_uniform", 1.0 / 400, true },
        { "lecun_normal", 1.0 / 400, false },
    };

    [Theory]
    [MemberData(nameof(Keras))]
    public void Named_initializers_have_the_variance_and_bounds_keras_promises(string name, double variance, bool uniform)
    {
        var (mean, v, maxAbs) = Stats(Initializer.Get(name));
        Assert.InRange(mean, -5e-4, 5e-4);
        Assert.InRange(v / variance, 0.97, 1.03);
        double bound = uniform ? Math.Sqrt(3 * variance) : 2 * Math.Sqrt(variance) / VarianceScaling.TruncatedStddevFactor;
        Assert.True(maxAbs <= bound * (1 + 1e-6), $"max |w| = {maxAbs} exceeds {bound}");
        Assert.True(maxAbs > bound * 0.98, $"max |w| = {maxAbs} never approaches {bound}");
    }

    [Theory]
    [InlineData("fan_in", 400)]
    [InlineData("fan_out", 600)]
    [InlineData("fan_avg", 500)]
    public void Variance_scaling_divides_the_scale_by_the_chosen_fan(string mode, double fan)
    {
        foreach (var distribution in new[] { "truncated_normal", "untruncated_normal", "uniform" })
        {
            var (_, v, maxAbs) = Stats(new VarianceScaling(3.0, mode, distribution));
            Assert.InRange(v / (3.0 / fan), 0.97, 1.03);
            if (distribution == "untruncated_normal")
                Assert.True(maxAbs > 3.5 * Math.Sqrt(3.0 / fan), "an untruncated normal has tails beyond 2σ");
        }
    }

    [Fact]
    public void Random_normal_uniform_and_truncated_normal_have_their_moments()
    {
        var (m, v, _) = Stats(new RandomNormal(1, 0.5));
        Assert.InRange(m, 0.997, 1.003);
        Assert.InRange(v / 0.25, 0.97, 1.03);

        var t = new Tensor(Kernel);
        new RandomUniform(-1, 3).Fill(t, new SeededRandom(3));
        var u = t.ToArray();
        Assert.True(u.Min() >= -1f && u.Max() < 3f);
        Assert.InRange(u.Average(x => (double)x), 0.99, 1.01);

        var (tm, tv, tmax) = Stats(new TruncatedNormal(0, 0.05));
        Assert.InRange(tm, -5e-4, 5e-4);
        Assert.InRange(tv / Math.Pow(0.05 * VarianceScaling.TruncatedStddevFactor, 2), 0.97, 1.03);
        Assert.True(tmax <= 0.1 + 1e-7);
    }

    [Fact]
    public void Constant_initializers_fill_exactly()
    {
        var t = new Tensor(new Shape(3, 4));
        new Ones().Fill(t, new SeededRandom(1));
        Assert.All(t.ToArray(), x => Assert.Equal(1f, x));
        new Constant(-2.5f).Fill(t, new SeededRandom(1));
        Assert.All(t.ToArray(), x => Assert.Equal(-2.5f, x));
        new Zeros().Fill(t, new SeededRandom(1));
        Assert.All(t.ToArray(), x => Assert.Equal(0f, x));
    }

    [Fact]
    public void The_same_seed_gives_the_same_weights()
    {
        foreach (var name in Initializer.Names)
        {
            var a = new Tensor(new Shape(20, 30));
            var b = new Tensor(new Shape(20, 30));
            Initializer.Get(name).Fill(a, new SeededRandom(11));
            Initializer.Get(name).Fill(b, new SeededRandom(11));
            Assert.Equal(a.ToArray(), b.ToArray());
        }
    }

    [Fact]
    public void Fans_follow_keras_for_vectors_matrices_and_convolution_kernels()
    {
        Assert.Equal((5.0, 5.0), Initializer.Fans(new Shape(5)));
        Assert.Equal((4.0, 6.0), Initializer.Fans(new Shape(4, 6)));
        Assert.Equal((3 * 3 * 8.0, 3 * 3 * 16.0), Initializer.Fans(new Shape(3, 3, 8, 16)));
    }
}
