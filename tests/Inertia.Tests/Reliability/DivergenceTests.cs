using Inertia.Layers;
using Inertia.Losses;
using Inertia.Optimizers;
using Inertia.Tensors;
using Inertia.Training;
using Inertia.Training.Callbacks;
using static Inertia.Tests.Training.TrainingFixtures;

namespace Inertia.Tests.Reliability;

/// <summary>
/// A learning rate of 1e3 must not poison a model silently: under the default non-finite policy
/// (skip) every parameter and every optimizer slot stays finite and the run reports what happened
/// (skipped steps for non-finite gradients, overflowed steps for updates that would have
/// overflowed); under the throw policy Fit stops before a NaN or infinity reaches the model.
/// </summary>
public class DivergenceTests
{
    public static TheoryData<string> Optimizers => new(OptimizerFactory.Names);

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void At_learning_rate_1e3_every_weight_and_slot_stays_finite_under_the_default_policy(string optimizer)
    {
        var (x, y) = Regression(128, seed: 16);
        var model = new Sequential([new Dense(8, "relu"), new Dense(1)], new Shape(4));
        model.Compile(OptimizerFactory.Create(optimizer, new Dictionary<string, string> { ["learningRate"] = "1e3" }), new MeanSquaredError());
        var events = new List<TrainingEvent>();
        var history = model.Fit(x, y, epochs: 3, batchSize: 16, verbose: 0, callbacks: [new LambdaCallback(onTrainingEvent: events.Add)]);
        float[] weights = Weights(model);
        int bad = Array.FindIndex(weights, w => !float.IsFinite(w));
        if (bad >= 0) Assert.Fail($"{optimizer}: parameter element {bad} is {weights[bad]} after {model.Optimizer.Iterations} steps.");
        foreach (var slot in model.Optimizer.Slots)
            foreach (var p in model.Arena.Parameters)
                Assert.All(model.Optimizer.GetSlot(p, slot.Name).ToArray(), v => Assert.True(float.IsFinite(v), $"{optimizer}: slot {slot.Name} of {p.Name} holds {v}."));
        Assert.Equal(history.Events, events);
        Assert.Equal(model.Optimizer.OverflowedSteps, history.OverflowedSteps);
        if (history.Values["loss"].Any(l => !double.IsFinite(l)))
            Assert.True(history.NonFiniteLosses > 0, $"{optimizer}: a non-finite epoch loss with no NonFiniteLoss event.");
    }

    [Fact]
    public void Diverging_training_reports_overflowed_and_skipped_steps_in_history_and_the_callback_event()
    {
        var (x, y) = Regression(128, seed: 16);
        var model = new Sequential([new Dense(1)], new Shape(4));
        model.Compile(new SGD(1e3), new MeanSquaredError());
        var events = new List<TrainingEvent>();
        var history = model.Fit(x, y, epochs: 3, batchSize: 16, verbose: 0, callbacks: [new LambdaCallback(onTrainingEvent: events.Add)]);
        Assert.True(history.OverflowedSteps >= 1 && history.SkippedSteps >= 1 && history.NonFiniteLosses >= 1, string.Join("\n", history.Events));
        Assert.Equal(history.Events, events);
        var overflow = events.First(e => e.Kind == TrainingEventKind.OverflowedStep);
        Assert.Contains("'dense/kernel'", overflow.Message);
        Assert.Contains("kept their previous weight", overflow.Message);
        Assert.All(Weights(model), w => Assert.True(float.IsFinite(w), $"weight {w}"));
        Assert.True(model.Optimizer.Iterations < 3 * 8, "skipped steps do not count as iterations");
    }

    [Fact]
    public void AdamW_whose_decay_factor_is_below_minus_one_reports_the_overflow_and_keeps_the_model_finite()
    {
        // lr 1e3 and weight decay 4e-3: each step multiplies the weights by 1 − λη = −3.
        var (x, y) = Regression(128, seed: 16);
        var model = new Sequential([new Dense(8, "relu"), new Dense(1)], new Shape(4));
        model.Compile(new AdamW(1e3, options: new OptimizerOptions { WeightDecay = 4e-3 }), new MeanSquaredError());
        var history = model.Fit(x, y, epochs: 10, batchSize: 16, verbose: 0);
        Assert.True(history.OverflowedSteps >= 1, string.Join("\n", history.Events));
        Assert.All(Weights(model), w => Assert.True(float.IsFinite(w), $"weight {w}"));
    }

    [Fact]
    public void Under_the_throw_policy_fit_stops_naming_the_parameter_before_a_NaN_or_infinity_reaches_the_weights()
    {
        var (x, y) = Regression(128, seed: 16);
        var model = new Sequential([new Dense(1)], new Shape(4));
        model.Compile(new SGD(1e3, options: new OptimizerOptions { NonFinite = NonFinitePolicy.Throw }), new MeanSquaredError());
        // The weights grow ×1e3 per step with finite gradients, so the first failure is the update overflowing.
        var e = Assert.Throws<NonFiniteUpdateException>(() => model.Fit(x, y, epochs: 3, batchSize: 16, verbose: 0));
        Assert.Contains("'dense/", e.Message);
        Assert.All(Weights(model), w => Assert.True(float.IsFinite(w), $"weight {w}"));
    }

    [Fact]
    public void TerminateOnNaN_ends_a_diverging_run_in_the_epoch_of_the_first_non_finite_loss()
    {
        var (x, y) = Regression(128, seed: 16);
        var model = new Sequential([new Dense(1)], new Shape(4));
        model.Compile(new SGD(1e3), new MeanSquaredError());
        var terminate = new TerminateOnNaN();
        var history = model.Fit(x, y, epochs: 50, batchSize: 16, verbose: 0, callbacks: [terminate]);
        Assert.NotNull(terminate.TerminatedAt);
        Assert.Equal(terminate.TerminatedAt!.Value.Epoch, history.Epochs[^1]);
        Assert.True(history.Stopped);
        Assert.True(history.Epochs.Count < 50);
    }
}
