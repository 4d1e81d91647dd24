using Inertia.Optimizers;
using Inertia.Schedules;
using Inertia.Tensors;

namespace Inertia.Tests.Optimizers;

public class PipelineTests
{
    [Fact]
    public void State_holds_exactly_the_slots_the_algorithm_needs()
    {
        Assert.Equal(0, new SGD().StateBytesPerParameter);
        Assert.Equal(4, new SGD(momentum: 0.9).StateBytesPerParameter);
        Assert.Equal(8, new Adam().StateBytesPerParameter);
        Assert.Equal(12, new Adam(amsgrad: true).StateBytesPerParameter);
        Assert.Equal(4, new Lion().StateBytesPerParameter);
        Assert.Equal(12, new RMSprop(momentum: 0.9, centered: true).StateBytesPerParameter);
        Assert.Equal(16, new Adam(options: new OptimizerOptions { UseEma = true, GradientAccumulationSteps = 2 }).StateBytesPerParameter);
    }

    [Fact]
    public void Usable_on_plain_parameters_for_a_2d_test_function()
    {
        var xy = new Parameter("xy", new Shape(2));
        _ = new ParameterArena([xy]);
        xy.Value.Span[0] = 3;
        xy.Value.Span[1] = -2;
        var optimizer = new Adam(0.1);
        for (int i = 0; i < 500; i++)
        {
            float x = xy.Value.Span[0], y = xy.Value.Span[1];
            optimizer.ApplyGradients([(xy, new[] { 2 * x, 20 * y })]);
        }
        Assert.InRange(xy.Value.Span[0], -0.05f, 0.05f);
        Assert.InRange(xy.Value.Span[1], -0.05f, 0.05f);
        Assert.Equal(500, optimizer.Iterations);
    }

    [Fact]
    public void Setting_the_learning_rate_replaces_the_schedule()
    {
        var optimizer = new SGD(new ExponentialDecay(0.1, 10, 0.5));
        optimizer.LearningRate = 0.02;
        Assert.Null(optimizer.Schedule);
        Assert.Equal(0.02, optimizer.LearningRate);
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.LearningRate = -1);
    }

    [Fact]
    public void A_group_learning_rate_multiplier_scales_that_groups_steps()
    {
        var arena = OptimizerZoo.Arena(seed: 8, large: 1600);
        var reference = OptimizerZoo.Arena(seed: 8, large: 1600);
        var grouped = new SGD(0.1);
        grouped.AddGroup(new ParameterGroup("^dense/") { LearningRateMultiplier = 0.25 });
        grouped.Build(arena);
        var plain = new SGD(0.025);
        plain.Build(reference);
        OptimizerZoo.Run(grouped, arena, 3);
        OptimizerZoo.Run(plain, reference, 3);
        Assert.Equal(reference["dense/kernel"].Value.ToArray(), arena["dense/kernel"].Value.ToArray());
        Assert.NotEqual(reference["norm/gamma"].Value.ToArray(), arena["norm/gamma"].Value.ToArray());
    }

    [Fact]
    public void Biases_and_normalization_parameters_are_excluded_from_weight_decay_by_one_call()
    {
        var arena = OptimizerZoo.Arena(seed: 9, large: 1600);
        var before = arena.Parameters.ToDictionary(p => p.Name, p => p.Value.ToArray());
        var optimizer = new AdamW(0.1, weightDecay: 0.5);
        optimizer.ExcludeBiasAndNormalizationFromWeightDecay();
        optimizer.Build(arena);
        optimizer.Apply(); // zero gradients: only decay can move a weight
        Assert.Equal(before["dense/bias"], arena["dense/bias"].Value.ToArray());
        Assert.Equal(before["norm/gamma"], arena["norm/gamma"].Value.ToArray());
        var kernel = arena["dense/kernel"].Value.ToArray();
        for (int i = 0; i < kernel.Length; i++)
            Assert.Equal(before["dense/kernel"][i] - before["dense/kernel"][i] * 0.05f, kernel[i]);
    }

    [Fact]
    public void Untrainable_parameters_are_skipped_and_picked_up_when_unfrozen()
    {
        var arena = OptimizerZoo.Arena(seed: 10, large: 1600);
        var bias = arena["dense/bias"];
        bias.Trainable = false;
        var before = bias.Value.ToArray();
        var optimizer = new Adam(0.1);
        optimizer.Build(arena);
        OptimizerZoo.Run(optimizer, arena, 3);
        Assert.Equal(before, bias.Value.ToArray());
        Assert.All(optimizer.GetSlot(bias, "momentum").ToArray(), m => Assert.Equal(0f, m));
        bias.Trainable = true;
        OptimizerZoo.Run(optimizer, arena, 1);
        Assert.NotEqual(before, bias.Value.ToArray());
    }

    [Fact]
    public void Maximize_ascends_exactly_where_minimizing_descends()
    {
        var up = OptimizerZoo.Arena(seed: 11, large: 1600);
        var down = OptimizerZoo.Arena(seed: 11, large: 1600);
        var ascend = new SGD(0.1, momentum: 0.5, options: new OptimizerOptions { Maximize = true });
        var descend = new SGD(0.1, momentum: 0.5);
        ascend.Build(up);
        descend.Build(down);
        OptimizerZoo.WriteGradients(up);
        OptimizerZoo.WriteGradients(down);
        foreach (ref float g in down.Gradients.Span) g = -g;
        ascend.Apply();
        descend.Apply();
        Assert.Equal(down.Values.Span.ToArray(), up.Values.Span.ToArray());
    }

    [Fact]
    public void Throw_policy_names_the_parameter_and_changes_nothing()
    {
        var arena = OptimizerZoo.Arena(seed: 12, large: 1600);
        var optimizer = new Adam(0.1, options: new OptimizerOptions { NonFinite = NonFinitePolicy.Throw });
        optimizer.Build(arena);
        OptimizerZoo.Run(optimizer, arena, 2);
        var before = OptimizerZoo.Snapshot(optimizer, arena);
        OptimizerZoo.WriteGradients(arena);
        arena["norm/gamma"].Gradient.Span[17] = float.PositiveInfinity;
        var e = Assert.Throws<NonFiniteGradientException>(() => optimizer.Apply());
        Assert.Equal("norm/gamma", e.ParameterName);
        Assert.Equal(before, OptimizerZoo.Snapshot(optimizer, arena));
        Assert.Equal(1, optimizer.SkippedSteps);
    }

    [Fact]
    public void Swapping_ema_weights_twice_restores_the_training_weights()
    {
        var arena = OptimizerZoo.Arena(seed: 13, large: 1600);
        var optimizer = new SGD(0.05, momentum: 0.9, options: new OptimizerOptions { UseEma = true, EmaMomentum = 0.9 });
        optimizer.Build(arena);
        OptimizerZoo.Run(optimizer, arena, 5);
        var training = arena.Values.Span.ToArray();
        var averages = arena.Parameters.SelectMany(p => optimizer.GetSlot(p, "average").ToArray()).ToArray();
        optimizer.SwapEmaWeights();
        Assert.Equal(averages, arena.Parameters.SelectMany(p => p.Value.ToArray()).ToArray());
        optimizer.SwapEmaWeights();
        Assert.Equal(training, arena.Values.Span.ToArray());
        optimizer.FinalizeVariableValues();
        Assert.Equal(averages, arena.Parameters.SelectMany(p => p.Value.ToArray()).ToArray());
        Assert.Throws<InvalidOperationException>(() => new Adam().SwapEmaWeights());
    }

    [Fact]
    public void OneCycle_cycles_sgd_momentum_as_PyTorch_does()
    {
        var schedule = new OneCycle(0.1, 100);
        var optimizer = new SGD(schedule, momentum: 0.9, options: OptimizerOptions.PyTorch);
        optimizer.Build(new ParameterArena([new Parameter("w", new Shape(2))]));
        optimizer.Apply();
        Assert.Equal(0.95, optimizer.Momentum, 12);
        for (int i = 0; i < 29; i++) optimizer.Apply();
        Assert.Equal(0.85, schedule.Momentum(29)!.Value, 12);
        Assert.Equal(0.1, schedule.Evaluate(29), 12);
    }
}
