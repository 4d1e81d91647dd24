using Inertia.Optimizers;
using Inertia.Schedules;
using Inertia.Tensors;

namespace Inertia.Tests.Optimizers;

public class ValidationTests
{
    public static TheoryData<string, double, Func<Optimizer>> OutOfRange() => new()
    {
        { "learningRate", -0.1, () => new SGD(-0.1) },
        { "learningRate", 1e39, () => new Adam(1e39) },
        { "LearningRate", 1e39, () => new Adam { LearningRate = 1e39 } },
        { "momentum", 1.5, () => new SGD(0.1, momentum: 1.5) },
        { "momentum", -0.1, () => new RMSprop(momentum: -0.1) },
        { "rho", 1.0, () => new RMSprop(rho: 1.0) },
        { "rho", -0.5, () => new Adadelta(rho: -0.5) },
        { "beta1", 1.0, () => new Adam(beta1: 1.0) },
        { "beta2", -0.1, () => new Adamax(beta2: -0.1) },
        { "beta1", 0.0, () => new Lion(beta1: 0.0) },
        { "beta2", 1.2, () => new Nadam(beta2: 1.2) },
        { "epsilon", 0.0, () => new Adam(epsilon: 0.0) },
        { "epsilon", -1e-8, () => new RAdam(epsilon: -1e-8) },
        { "initialAccumulatorValue", -0.1, () => new Adagrad(initialAccumulatorValue: -0.1) },
        { "ClipNorm", 0.0, () => new Adam(options: new OptimizerOptions { ClipNorm = 0.0 }) },
        { "ClipValue", -1.0, () => new Adam(options: new OptimizerOptions { ClipValue = -1.0 }) },
        { "GlobalClipNorm", 0.0, () => new Adam(options: new OptimizerOptions { GlobalClipNorm = 0.0 }) },
        { "WeightDecay", -0.01, () => new Adam(options: new OptimizerOptions { WeightDecay = -0.01 }) },
        { "EmaMomentum", 1.5, () => new Adam(options: new OptimizerOptions { UseEma = true, EmaMomentum = 1.5 }) },
        { "GradientAccumulationSteps", 0, () => new Adam(options: new OptimizerOptions { GradientAccumulationSteps = 0 }) },
        { "dampening", 2.0, () => new SGD(momentum: 0.9, dampening: 2.0, options: OptimizerOptions.PyTorch) },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void Out_of_range_hyperparameters_throw_naming_parameter_and_value(string parameter, double value, Func<Optimizer> create)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(create);
        Assert.Equal(parameter, e.ParamName);
        Assert.Equal(value, Convert.ToDouble(e.ActualValue));
    }

    [Fact]
    public void Two_clip_kinds_are_refused_as_in_Keras()
    {
        var e = Assert.Throws<ArgumentException>(() => new Adam(options: new OptimizerOptions { ClipNorm = 1, ClipValue = 1 }));
        Assert.Contains("ClipNorm", e.Message);
    }

    [Fact]
    public void PyTorch_only_settings_are_refused_under_Keras()
    {
        Assert.Throws<ArgumentException>(() => new SGD(momentum: 0.9, dampening: 0.1));
        Assert.Throws<ArgumentException>(() => new Adagrad(lrDecay: 0.1));
        Assert.Throws<ArgumentException>(() => new SGD(momentum: 0, nesterov: true, options: OptimizerOptions.PyTorch));
    }

    [Fact]
    public void A_gradient_of_the_wrong_length_names_the_parameter()
    {
        var xy = new Parameter("xy", new Shape(2));
        _ = new ParameterArena([xy]);
        var e = Assert.Throws<ArgumentException>(() => new Adam().ApplyGradients([(xy, new float[3])]));
        Assert.Contains("'xy'", e.Message);
        Assert.Contains("3", e.Message);
    }

    [Fact]
    public void A_momentum_cycling_schedule_needs_an_optimizer_with_momentum()
    {
        var optimizer = new Adagrad(new OneCycle(0.1, 100));
        Assert.Throws<ArgumentException>(() => optimizer.Build(new ParameterArena([new Parameter("w", new Shape(2))])));
    }

    [Fact]
    public void Building_for_a_second_arena_is_refused_and_the_same_arena_is_a_no_op()
    {
        var arena = new ParameterArena([new Parameter("w", new Shape(2))]);
        var optimizer = new Adam();
        optimizer.Build(arena);
        optimizer.Build(arena);
        Assert.Throws<InvalidOperationException>(() => optimizer.Build(new ParameterArena([new Parameter("w", new Shape(2))])));
    }

    [Fact]
    public void Applying_before_building_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => new Adam().Apply());
    }
}
