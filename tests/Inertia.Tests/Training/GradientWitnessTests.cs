using Inertia.Autograd;
using Inertia.Autograd.Ops;
using Inertia.Layers;
using Inertia.Losses;
using Inertia.Optimizers;
using Inertia.Tensors;
using Inertia.Training;
using static Inertia.Tests.Training.TrainingFixtures;

namespace Inertia.Tests.Training;

/// <summary>
/// The training step hands the optimizer what its backward pass vouched for, so the gradients it
/// checked as they were written are not read again. Every decision must stay the one a full scan
/// takes: the reference here is the same model stepped by <c>ComputeGradients</c> and the public
/// <see cref="Optimizer.Apply()"/>, which has no witness and scans every gradient.
/// </summary>
[Collection(ProcessWideThreadsCollection.Name)]
public class GradientWitnessTests
{
    public static TheoryData<string, NonFinitePolicy> ModelsAndPolicies()
    {
        var data = new TheoryData<string, NonFinitePolicy>();
        foreach (var model in new[] { "dense", "batchnorm", "prelu" })
            foreach (var policy in new[] { NonFinitePolicy.Skip, NonFinitePolicy.Throw })
                data.Add(model, policy);
        return data;
    }

    [Theory]
    [MemberData(nameof(ModelsAndPolicies))]
    public void A_NaN_input_row_is_skipped_or_thrown_exactly_as_a_full_scan_decides(string kind, NonFinitePolicy policy)
    {
        var (x, y) = Regression(16, seed: 60);
        x[5, 2] = float.NaN;
        AssertSameOutcome(() => Model(kind, policy), x, y);
    }

    [Theory]
    [MemberData(nameof(ModelsAndPolicies))]
    public void An_infinite_weight_is_skipped_or_thrown_exactly_as_a_full_scan_decides(string kind, NonFinitePolicy policy)
    {
        var (x, y) = Regression(16, seed: 61);
        AssertSameOutcome(() =>
        {
            var model = Model(kind, policy);
            model.Arena.Parameters[0].Value.Span[3] = float.PositiveInfinity;
            return model;
        }, x, y);
    }

    [Fact]
    public void A_gradient_written_by_an_op_that_does_not_check_is_still_scanned()
    {
        // PReLU's α starts at 0, so the output and loss stay finite, but ∂loss/∂α = Σ dy·x overflows
        // to +∞ for x = −3e38. Taken as finite, the update would overflow (kept, reported as
        // Overflowed) instead of the step being skipped.
        var model = new Sequential([new PReLU()], new Shape(1));
        model.Compile(new SGD(0.1), new MeanSquaredError());
        var x = Tensor.FromArray([-3e38f, -3e38f], 2, 1);
        var y = Tensor.FromArray([1f, 1f], 2, 1);

        float loss = model.TrainOnBatch(x, y);

        Assert.True(float.IsFinite(loss));
        Assert.Equal(GradientFiniteness.Unknown, model.TrainTapeFiniteness(model.Arena.Parameters[0]));
        Assert.Equal(1, model.Optimizer.SkippedSteps);
        Assert.Equal(0, model.Optimizer.OverflowedSteps);
        Assert.Equal(0f, model.Arena.Parameters[0].Value[0]);
    }

    [Fact]
    public void Dense_weights_and_biases_are_vouched_by_the_backward_pass_and_batch_normalization_is_left_unknown()
    {
        var (x, y) = Regression(16, seed: 62);
        var model = Model("batchnorm", NonFinitePolicy.Skip);
        model.TrainOnBatch(x, y);
        foreach (var p in model.Arena.Parameters.Where(p => p.Trainable))
        {
            var expected = p.Name.StartsWith("dense", StringComparison.Ordinal)
                ? GradientFiniteness.VouchedFinite
                : GradientFiniteness.Unknown;
            Assert.Equal(expected, model.TrainTapeFiniteness(p));
        }

        x[0, 0] = float.NaN;
        model.TrainOnBatch(x, y);
        Assert.Equal(GradientFiniteness.VouchedNonFinite, model.TrainTapeFiniteness(model.Arena.Parameters[0]));
    }

    [Fact]
    public void A_write_through_a_view_after_the_checked_write_leaves_the_gradient_unknown()
    {
        var parameter = new Parameter("w", new Shape(2, 2));
        _ = new ParameterArena([parameter]);
        var tape = new Tape();
        tape.Reset();
        var w = tape.Parameter(parameter);
        // Recorded first, so its backward (a write into w's gradient through the view) runs after the MatMul's checked write.
        var viaView = tape.Reshape(tape.Sum(tape.Reshape(w, new Shape(4))), new Shape(1, 1));
        var x = tape.Constant(Tensor.FromArray([1f, 2f], 1, 2));
        var y = tape.Sum(tape.Add(tape.MatMul(x, w), viaView));
        tape.Backward(y);
        Assert.Equal(GradientFiniteness.Unknown, tape.FinitenessOf(parameter));
    }

    [Fact]
    public void A_witness_is_consumed_by_one_apply()
    {
        var (x, y) = Regression(16, seed: 63);
        var model = Model("dense", NonFinitePolicy.Skip);
        var witness = new GradientWitness();
        witness.RecordChecked(model.Arena);
        Assert.True(witness.TryTake(out _));
        Assert.False(witness.TryTake(out _));
    }

    [Theory]
    [InlineData("dense")]
    [InlineData("batchnorm")]
    [InlineData("prelu")]
    public void Training_with_the_witness_is_bitwise_identical_to_training_with_a_full_scan_on_one_or_two_threads(string kind)
    {
        var (x, y) = Regression(64, seed: 64);
        float[] Train(int threads, bool witness)
        {
            int saved = Parallelism.MaxThreads;
            Parallelism.MaxThreads = threads;
            try
            {
                var model = Model(kind, NonFinitePolicy.Skip);
                for (int step = 0; step < 12; step++)
                {
                    var (bx, by) = (x.SliceRows(step % 4 * 16, 16), y.SliceRows(step % 4 * 16, 16));
                    if (witness) model.TrainOnBatch(bx, by);
                    else ScannedStep(model, bx, by);
                }
                return Weights(model);
            }
            finally
            {
                Parallelism.MaxThreads = saved;
            }
        }
        var reference = Train(1, witness: false);
        AssertBitwiseEqual(reference, Train(1, witness: true));
        AssertBitwiseEqual(reference, Train(2, witness: true));
        AssertBitwiseEqual(reference, Train(2, witness: false));
    }

    [Theory]
    [InlineData("dense")]
    [InlineData("batchnorm")]
    public void A_training_step_that_scans_only_unvouched_gradients_allocates_nothing(string kind)
    {
        var (x, y) = Regression(32, seed: 65);
        var model = Model(kind, NonFinitePolicy.Skip);
        for (int i = 0; i < 5; i++) model.TrainOnBatch(x, y);
        Assert.Equal(0, ThreadAllocations.During(() =>
        {
            for (int i = 0; i < 20; i++) model.TrainOnBatch(x, y);
        }));
    }

    private static Sequential Model(string kind, NonFinitePolicy policy)
    {
        var model = new Sequential(new Shape(4));
        model.Add(new Dense(8));
        if (kind == "batchnorm") model.Add(new BatchNormalization());
        model.Add(kind == "prelu" ? new PReLU() : new ReLU());
        model.Add(new Dense(1));
        model.Build(7);
        model.Compile(new Adam(0.01, options: new OptimizerOptions { NonFinite = policy }), new MeanSquaredError());
        return model;
    }

    // The step without a witness: the public Apply reads every gradient.
    private static StepResult ScannedStep(Sequential model, Tensor x, Tensor y)
    {
        model.ComputeGradients(x, y, out _);
        return model.Optimizer.Apply();
    }

    private static void AssertSameOutcome(Func<Sequential> create, Tensor x, Tensor y)
    {
        var witnessed = create();
        var scanned = create();
        var expected = Record(() => ScannedStep(scanned, x, y));
        var actual = Record(() => witnessed.TrainOnBatch(x, y));
        Assert.Equal(expected, actual);
        Assert.Equal(scanned.Optimizer.SkippedSteps, witnessed.Optimizer.SkippedSteps);
        Assert.Equal(1, witnessed.Optimizer.SkippedSteps);
        AssertBitwiseEqual(Weights(scanned), Weights(witnessed));
    }

    // What the step did, as a comparable string: the exception it threw (type and message) or "stepped".
    private static string Record(Action step)
    {
        try
        {
            step();
            return "stepped";
        }
        catch (NonFiniteGradientException e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }
}
