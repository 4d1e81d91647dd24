using Inertia.Data;
using Inertia.Tensors;

namespace Inertia.Tests.Data;

[Collection(ProcessWideThreadsCollection.Name)]
public class GeneratedDataTests
{
    private static readonly Lazy<(Dataset Train, Dataset Validation)> DefaultShapes = new(() => SyntheticShapes.GenerateDefault(seed: 0));

    [Fact]
    public void Shapes_default_set_is_12000_plus_3000_balanced_images()
    {
        var (train, validation) = DefaultShapes.Value;
        Assert.Equal(new Shape(12_000, 28, 28), train.Features.Shape);
        Assert.Equal(3_000, validation.Count);
        Assert.All(train.ClassCounts(), c => Assert.Equal(1_200, c));
        Assert.All(validation.ClassCounts(), c => Assert.Equal(300, c));
        Assert.Equal(10, train.ClassNames!.Count);
        float[] pixels = train.Features.ToArray();
        Assert.InRange(pixels.Min(), 0f, 0f);
        Assert.InRange(pixels.Max(), 1f, 1f);
    }

    [Fact]
    public void Shapes_defeat_template_matching_but_are_far_above_chance()
    {
        // Nearest class-mean image: about 52% here, where a 784-300-100-10 MLP with Adam reaches
        // about 80% after one epoch. Near 100% would make the optimizer race meaningless; near
        // 10% would mean the classes are not learnable.
        var (train, all) = DefaultShapes.Value;
        Dataset validation = all.Take(1_000);
        const int pixels = SyntheticShapes.Size * SyntheticShapes.Size;
        var means = new double[10 * pixels];
        int[] counts = train.ClassCounts();
        ReadOnlySpan<float> x = train.Features.Span;
        for (int i = 0; i < train.Count; i++)
        {
            int c = (int)train.Targets[i];
            for (int p = 0; p < pixels; p++) means[c * pixels + p] += x[i * pixels + p] / counts[c];
        }
        int correct = 0;
        ReadOnlySpan<float> v = validation.Features.Span;
        for (int i = 0; i < validation.Count; i++)
        {
            int best = 0;
            double bestDistance = double.MaxValue;
            for (int c = 0; c < 10; c++)
            {
                double distance = 0;
                for (int p = 0; p < pixels; p++)
                {
                    double e = v[i * pixels + p] - means[c * pixels + p];
                    distance += e * e;
                }
                if (distance < bestDistance) (best, bestDistance) = (c, distance);
            }
            if (best == (int)validation.Targets[i]) correct++;
        }
        Assert.InRange((double)correct / validation.Count, 0.35, 0.75);
    }

    [Fact]
    public void Shapes_are_deterministic_per_seed_and_thread_count()
    {
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = 1;
            var one = SyntheticShapes.Generate(1_000, seed: 7);
            Parallelism.MaxThreads = 4;
            var many = SyntheticShapes.Generate(1_000, seed: 7);
            var other = SyntheticShapes.Generate(1_000, seed: 8);
            Assert.Equal(one.Features.ToArray(), many.Features.ToArray());
            Assert.Equal(one.Targets.ToArray(), many.Targets.ToArray());
            Assert.NotEqual(one.Features.ToArray(), other.Features.ToArray());
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    [Fact]
    public void Shapes_of_one_class_vary_while_classes_differ_on_average()
    {
        var d = SyntheticShapes.Generate(2_000, seed: 3);
        var means = new double[10, 784];
        var counts = d.ClassCounts();
        for (int i = 0; i < d.Count; i++)
            for (int p = 0; p < 784; p++)
                means[(int)d.Targets[i], p] += d.Features[i * 784 + p] / counts[(int)d.Targets[i]];
        for (int a = 0; a < 10; a++)
            for (int b = a + 1; b < 10; b++)
            {
                double distance = 0;
                for (int p = 0; p < 784; p++) distance += Math.Abs(means[a, p] - means[b, p]);
                Assert.True(distance > 5, $"classes {a} and {b} have nearly the same mean image ({distance:F2}).");
            }
        // Two samples of the same class are never identical: position, scale, rotation and noise vary.
        int first = -1;
        for (int i = 0; i < d.Count; i++)
        {
            if (d.Targets[i] != 0) continue;
            if (first < 0) { first = i; continue; }
            Assert.NotEqual(d.Features.Span.Slice(first * 784, 784).ToArray(), d.Features.Span.Slice(i * 784, 784).ToArray());
            break;
        }
    }

    [Fact]
    public void Spirals_and_moons_are_balanced_two_class_sets_in_the_plane()
    {
        foreach (var d in new[] { TwoSpirals.Generate(400, seed: 1), Moons.Generate(400, seed: 1) })
        {
            Assert.Equal(new Shape(400, 2), d.Features.Shape);
            Assert.Equal([200, 200], d.ClassCounts());
            Assert.All(d.Features.ToArray(), v => Assert.InRange(v, -2f, 3f));
        }
        Assert.Equal(TwoSpirals.Generate(50, 5).Features.ToArray(), TwoSpirals.Generate(50, 5).Features.ToArray());
        Assert.Equal(Moons.Generate(50, 5).Features.ToArray(), Moons.Generate(50, 5).Features.ToArray());
        Assert.NotEqual(Moons.Generate(50, 5).Features.ToArray(), Moons.Generate(50, 6).Features.ToArray());
    }

    [Fact]
    public void Noise_free_spirals_lie_on_their_curves()
    {
        var d = TwoSpirals.Generate(200, seed: 2, noise: 0);
        for (int i = 0; i < d.Count; i++)
        {
            double x = d.Features[i, 0], y = d.Features[i, 1];
            double r = Math.Sqrt(x * x + y * y), t = r * 3 * Math.PI;
            double angle = t + d.Targets[i] * Math.PI;
            Assert.Equal(Math.Cos(angle) * r, x, tolerance: 1e-4);
            Assert.Equal(Math.Sin(angle) * r, y, tolerance: 1e-4);
        }
    }

    [Fact]
    public void Sine_regression_targets_follow_the_sum_of_sines()
    {
        var d = SineRegression.Generate(300, seed: 4, features: 3, noise: 0);
        Assert.Equal(new Shape(300, 1), d.Targets.Shape);
        for (int i = 0; i < d.Count; i++)
        {
            double expected = Math.Sin(d.Features[i, 0]) + Math.Sin(2 * d.Features[i, 1]) + Math.Sin(3 * d.Features[i, 2]);
            Assert.Equal(expected, d.Targets[i, 0], tolerance: 1e-4);
            Assert.InRange(d.Features[i, 1], -MathF.PI, MathF.PI);
        }
        Assert.Equal(SineRegression.Generate(20, 9).Targets.ToArray(), SineRegression.Generate(20, 9).Targets.ToArray());
    }

    [Fact]
    public void Generators_reject_bad_parameters()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticShapes.Generate(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TwoSpirals.Generate(10, 1, noise: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Moons.Generate(1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SineRegression.Generate(10, 1, features: 0));
    }
}
