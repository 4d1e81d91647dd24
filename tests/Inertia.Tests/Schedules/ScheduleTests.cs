using Inertia.Optimizers;
using Inertia.Schedules;
using Inertia.Tensors;

namespace Inertia.Tests.Schedules;

public class ScheduleTests
{
    public static TheoryData<LearningRateSchedule> Every() => new()
    {
        new ExponentialDecay(0.1, 7, 0.8, staircase: true),
        new PiecewiseConstantDecay([10, 30], [0.1, 0.01, 0.001]),
        new PolynomialDecay(0.1, 30, 0.001, 0.5, cycle: true),
        new InverseTimeDecay(0.1, 10, 0.5),
        new CosineDecay(0.01, 80, 0.1, warmupTarget: 0.1, warmupSteps: 20),
        new CosineDecayRestarts(0.1, 12, 1.5, 0.8, 0.02),
        new OneCycle(0.1, 150, threePhase: true, annealStrategy: "linear"),
        new StepLR(0.05, 10, 0.5),
        new ExponentialLR(0.1, 0.97),
        new CosineAnnealingLR(0.1, 100, 0.001),
    };

    [Theory]
    [MemberData(nameof(Every))]
    public void Json_config_round_trips_to_the_same_values(LearningRateSchedule schedule)
    {
        var copy = LearningRateSchedule.FromJson(schedule.ToJson());
        Assert.Equal(schedule.GetType(), copy.GetType());
        for (long step = 0; step <= 150; step++)
        {
            Assert.Equal(schedule.Evaluate(step), copy.Evaluate(step));
            Assert.Equal(schedule.Momentum(step), copy.Momentum(step));
        }
    }

    [Fact]
    public void Unknown_classes_and_keys_fail_naming_them()
    {
        Assert.Contains("Cosine2", Assert.Throws<FormatException>(() =>
            LearningRateSchedule.FromJson("""{"class_name":"Cosine2","config":{}}""")).Message);
        Assert.Contains("decay_stepz", Assert.Throws<FormatException>(() =>
            LearningRateSchedule.FromJson("""{"class_name":"ExponentialDecay","config":{"initial_learning_rate":0.1,"decay_steps":3,"decay_rate":0.5,"decay_stepz":1}}""")).Message);
        Assert.Contains("decay_rate", Assert.Throws<FormatException>(() =>
            LearningRateSchedule.FromJson("""{"class_name":"ExponentialDecay","config":{"initial_learning_rate":0.1,"decay_steps":3}}""")).Message);
    }

    [Fact]
    public void Invalid_arguments_throw_naming_them()
    {
        Assert.Equal("initialLearningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialDecay(-1, 10, 0.5)).ParamName);
        Assert.Equal("decaySteps", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineDecay(0.1, 0)).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineDecayRestarts(0.1, 10, alpha: 2)).ParamName);
        Assert.Equal("pctStart", Assert.Throws<ArgumentOutOfRangeException>(() => new OneCycle(0.1, 100, pctStart: 1.5)).ParamName);
        Assert.Throws<ArgumentException>(() => new PiecewiseConstantDecay([10, 5], [1, 2, 3]));
        Assert.Throws<ArgumentException>(() => new PiecewiseConstantDecay([10], [1]));
    }

    [Fact]
    public void OneCycle_refuses_steps_past_its_end_as_PyTorch_does()
    {
        var schedule = new OneCycle(0.1, 100);
        Assert.Equal(0.1 / 25 / 1e4, schedule.Evaluate(99), 15);
        schedule.Evaluate(100);
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.Evaluate(101));
    }

    [Fact]
    public void ReduceLROnPlateau_lowers_the_rate_after_patience_reports_without_improvement()
    {
        var optimizer = new SGD(new ExponentialDecay(0.1, 1000, 0.5));
        var plateau = new ReduceLROnPlateau(optimizer, factor: 0.5, patience: 2, cooldown: 1, minLearningRate: 0.02);
        Assert.False(plateau.Report(1.0));
        Assert.False(plateau.Report(1.0));
        Assert.True(plateau.Report(1.0));
        Assert.Equal(0.05, optimizer.LearningRate, 15);
        Assert.Null(optimizer.Schedule);
        Assert.False(plateau.Report(1.0)); // the cooldown ends on this report, which already counts (Keras)
        Assert.True(plateau.Report(1.0));
        Assert.Equal(0.025, optimizer.LearningRate, 15);
        Assert.False(plateau.Report(0.5)); // improvement resets the wait
        Assert.False(plateau.Report(0.5));
        Assert.True(plateau.Report(0.5));
        Assert.Equal(0.02, optimizer.LearningRate, 15);
    }

    [Fact]
    public void Keras_schedules_see_the_raw_call_count_and_the_first_update_uses_step_zero()
    {
        var optimizer = new SGD(new PiecewiseConstantDecay([0, 1], [1.0, 0.5, 0.25]));
        var w = new Parameter("w", new Shape(1));
        _ = new ParameterArena([w]);
        optimizer.ApplyGradients([(w, new float[] { 1 })]);
        Assert.Equal(-1f, w.Value.Span[0]);
        optimizer.ApplyGradients([(w, new float[] { 1 })]);
        Assert.Equal(-1.5f, w.Value.Span[0]);
        Assert.Equal(0.25, optimizer.LearningRate);
    }
}
