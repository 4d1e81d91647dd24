using FsCheck.Xunit;
using Inertia.Optimizers;
using Inertia.Tensors;

namespace Inertia.Tests.Optimizers;

/// <summary>Properties over random shapes and values (the seed drives shapes, values and gradients).</summary>
public class PropertyTests
{
    private static (ParameterArena Arena, Random Random) RandomArena(int seed, double scale = 3)
    {
        var random = new Random(seed);
        int count = random.Next(1, 4);
        var parameters = Enumerable.Range(0, count).Select(i => new Parameter(
            i == 0 ? "layer/kernel" : $"layer{i}/bias",
            random.Next(2) == 0 ? new Shape(random.Next(1, 50)) : new Shape(random.Next(1, 9), random.Next(1, 40)))).ToArray();
        var arena = new ParameterArena(parameters);
        foreach (var p in parameters)
            foreach (ref float v in p.Value.Span)
                v = (float)((random.NextDouble() * 2 - 1) * scale);
        return (arena, random);
    }

    private static void RandomGradients(ParameterArena arena, Random random, double scale = 2, double minimum = 0)
    {
        foreach (var p in arena.Parameters)
            foreach (ref float g in p.Gradient.Span)
            {
                double magnitude = minimum + random.NextDouble() * (scale - minimum);
                g = (float)(random.Next(2) == 0 ? magnitude : -magnitude);
            }
    }

    [Property(MaxTest = 40)]
    public void Sgd_with_momentum_zero_equals_plain_gradient_descent(int seed, bool nesterov)
    {
        var (arena, random) = RandomArena(seed);
        var optimizer = new SGD(0.05, momentum: 0.0, nesterov: nesterov);
        optimizer.Build(arena);
        for (int step = 0; step < 3; step++)
        {
            RandomGradients(arena, random);
            var expected = arena.Parameters.Select(p =>
            {
                var w = p.Value.ToArray();
                var g = p.Gradient.ToArray();
                for (int i = 0; i < w.Length; i++) w[i] -= 0.05f * g[i];
                return w;
            }).ToArray();
            optimizer.Apply();
            for (int i = 0; i < expected.Length; i++)
                Assert.Equal(expected[i], arena.Parameters[i].Value.ToArray());
        }
    }

    [Property(MaxTest = 40)]
    public void Adams_first_step_moves_each_coordinate_by_about_the_learning_rate(int seed)
    {
        var (arena, random) = RandomArena(seed);
        const double lr = 0.01;
        var optimizer = new Adam(lr);
        optimizer.Build(arena);
        RandomGradients(arena, random, scale: 10, minimum: 1e-2);
        var before = arena.Parameters.Select(p => p.Value.ToArray()).ToArray();
        optimizer.Apply();
        for (int p = 0; p < before.Length; p++)
        {
            var after = arena.Parameters[p].Value.ToArray();
            for (int i = 0; i < after.Length; i++)
                Assert.InRange(Math.Abs(after[i] - before[p][i]), lr * (1 - 1e-3), lr * (1 + 1e-3));
        }
    }

    [Property(MaxTest = 40)]
    public void Lion_moves_each_coordinate_by_exactly_the_learning_rate_plus_decay(int seed)
    {
        var (arena, random) = RandomArena(seed);
        const float lr = 0.001f;
        var optimizer = new Lion(lr, options: new OptimizerOptions { WeightDecay = 0.1 });
        optimizer.Build(arena);
        float decay = (float)(0.1 * (double)lr);
        for (int step = 0; step < 3; step++)
        {
            RandomGradients(arena, random, minimum: 0.1);
            var before = arena.Parameters.Select(p => p.Value.ToArray()).ToArray();
            optimizer.Apply();
            for (int p = 0; p < before.Length; p++)
            {
                var after = arena.Parameters[p].Value.ToArray();
                for (int i = 0; i < after.Length; i++)
                {
                    float decayed = before[p][i] - before[p][i] * decay;
                    Assert.True(after[i] == decayed - lr || after[i] == decayed + lr,
                        $"coordinate {i}: {before[p][i]} → {after[i]}, expected {decayed} ± {lr}");
                }
            }
        }
    }

    [Property(MaxTest = 10)]
    public void A_zero_gradient_without_weight_decay_leaves_parameters_unchanged(int seed)
    {
        foreach (var (name, create) in OptimizerZoo.All)
        {
            var (arena, _) = RandomArena(seed);
            var optimizer = create();
            if (optimizer.Options.WeightDecay is not null || optimizer.UseEma) continue;
            optimizer.Build(arena);
            var before = arena.Values.Span.ToArray();
            for (int step = 0; step < 3; step++) optimizer.Apply();
            Assert.True(before.AsSpan().SequenceEqual(arena.Values.Span), $"{name} moved with zero gradients");
        }
    }

    [Property(MaxTest = 20)]
    public void A_frozen_group_never_changes(int seed)
    {
        var (arena, random) = RandomArena(seed);
        var optimizer = new Adam(0.05, options: new OptimizerOptions { WeightDecay = 0.1, UseEma = true });
        optimizer.AddGroup(new ParameterGroup("^layer/") { Frozen = true });
        optimizer.Build(arena);
        var frozen = arena["layer/kernel"];
        var value = frozen.Value.ToArray();
        var average = optimizer.GetSlot(frozen, "average").ToArray();
        for (int step = 0; step < 4; step++)
        {
            RandomGradients(arena, random);
            optimizer.Apply();
        }
        Assert.Equal(value, frozen.Value.ToArray());
        Assert.Equal(average, optimizer.GetSlot(frozen, "average").ToArray());
        Assert.All(optimizer.GetSlot(frozen, "momentum").ToArray(), m => Assert.Equal(0f, m));
        Assert.All(optimizer.GetSlot(frozen, "velocity").ToArray(), v => Assert.Equal(0f, v));
    }

    [Property(MaxTest = 30)]
    public void The_clip_limits_are_never_exceeded(int seed, bool pytorch)
    {
        var convention = pytorch ? Convention.PyTorch : Convention.Keras;
        double limit = 0.3;
        foreach (var options in new[]
        {
            new OptimizerOptions { Convention = convention, ClipNorm = limit },
            new OptimizerOptions { Convention = convention, GlobalClipNorm = limit },
            new OptimizerOptions { Convention = convention, ClipValue = limit },
        })
        {
            var (arena, random) = RandomArena(seed);
            var optimizer = new SGD(1.0, options: options); // the step is exactly the clipped gradient
            optimizer.Build(arena);
            RandomGradients(arena, random, scale: 5);
            var before = arena.Parameters.Select(p => p.Value.ToArray()).ToArray();
            optimizer.Apply();
            double total = 0;
            for (int p = 0; p < before.Length; p++)
            {
                var after = arena.Parameters[p].Value.ToArray();
                double squares = 0;
                for (int i = 0; i < after.Length; i++)
                {
                    double step = (double)before[p][i] - after[i];
                    squares += step * step;
                    if (options.ClipValue is not null) Assert.True(Math.Abs(step) <= limit * (1 + 1e-6) + 1e-6);
                }
                if (options.ClipNorm is not null) Assert.True(Math.Sqrt(squares) <= limit * (1 + 1e-5), $"norm {Math.Sqrt(squares)}");
                total += squares;
            }
            if (options.GlobalClipNorm is not null) Assert.True(Math.Sqrt(total) <= limit * (1 + 1e-5), $"global norm {Math.Sqrt(total)}");
        }
    }

    [Property(MaxTest = 20)]
    public void Accumulating_k_batches_equals_one_step_on_their_union(int seed)
    {
        var (arena, random) = RandomArena(seed);
        var (union, _) = RandomArena(seed);
        int k = random.Next(2, 5);
        var accumulating = new Adam(0.05, options: new OptimizerOptions { GradientAccumulationSteps = k });
        var whole = new Adam(0.05);
        accumulating.Build(arena);
        whole.Build(union);
        for (int update = 0; update < 3; update++)
        {
            var sum = new double[arena.Length];
            for (int batch = 0; batch < k; batch++)
            {
                RandomGradients(arena, random);
                var g = arena.Gradients.Span;
                for (int i = 0; i < sum.Length; i++) sum[i] += g[i];
                Assert.Equal(batch < k - 1 ? StepResult.Accumulated : StepResult.Updated, accumulating.Apply());
            }
            var mean = union.Gradients.Span;
            for (int i = 0; i < sum.Length; i++) mean[i] = (float)(sum[i] / k);
            whole.Apply();
            var a = arena.Values.Span;
            var b = union.Values.Span;
            for (int i = 0; i < a.Length; i++)
                Assert.True(Math.Abs(a[i] - b[i]) <= 1e-5 * Math.Max(1, Math.Abs(b[i])), $"element {i}: {a[i]} vs {b[i]}");
        }
        Assert.Equal(whole.Iterations, accumulating.Iterations);
    }

    [Property(MaxTest = 20)]
    public void A_skipped_non_finite_step_leaves_every_slot_and_the_iteration_count_untouched(int seed)
    {
        var (arena, random) = RandomArena(seed);
        foreach (var (name, create) in OptimizerZoo.All)
        {
            arena.ZeroGradients();
            var optimizer = create();
            var local = new ParameterArena(arena.Parameters.Select(p => new Parameter(p.Name, p.Shape)));
            arena.Values.Span.CopyTo(local.Values.Span);
            optimizer.Build(local);
            for (int step = 0; step < 3; step++)
            {
                RandomGradients(local, random);
                optimizer.Apply();
            }
            var before = OptimizerZoo.Snapshot(optimizer, local);
            long raw = optimizer.RawIterations;
            RandomGradients(local, random);
            var target = local.Parameters[random.Next(local.Parameters.Count)];
            target.Gradient.Span[random.Next(target.Size)] = random.Next(3) switch
            {
                0 => float.NaN, 1 => float.PositiveInfinity, _ => float.NegativeInfinity,
            };
            Assert.Equal(StepResult.SkippedNonFinite, optimizer.Apply());
            Assert.Equal(before, OptimizerZoo.Snapshot(optimizer, local));
            Assert.Equal(raw, optimizer.RawIterations);
            Assert.Equal(1, optimizer.SkippedSteps);
            Assert.True(local.Values.Span.ToArray().All(float.IsFinite), name);
        }
    }
}
