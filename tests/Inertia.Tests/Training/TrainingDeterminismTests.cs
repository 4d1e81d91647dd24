using Inertia.Tensors;
using Inertia.Training;
using Inertia.Training.Callbacks;
using static Inertia.Tests.Training.TrainingFixtures;

namespace Inertia.Tests.Training;

[Collection(ProcessWideThreadsCollection.Name)]
public class TrainingDeterminismTests
{
    [Fact]
    public void The_same_seed_gives_bitwise_identical_weights_with_one_or_two_threads()
    {
        var (x, y) = Regression(256, seed: 40);
        float[] Train(int threads)
        {
            int saved = Parallelism.MaxThreads;
            Parallelism.MaxThreads = threads;
            try
            {
                var model = CompiledMlp(seed: 3);
                model.Fit(x, y, epochs: 3, batchSize: 32, validationSplit: 0.2, verbose: 0, seed: 11);
                return Weights(model);
            }
            finally
            {
                Parallelism.MaxThreads = saved;
            }
        }
        var one = Train(1);
        AssertBitwiseEqual(one, Train(1));
        AssertBitwiseEqual(one, Train(2));
    }

    [Fact]
    public void Another_fit_seed_shuffles_differently()
    {
        var (x, y) = Regression(128, seed: 41);
        var a = CompiledMlp();
        var b = CompiledMlp();
        a.Fit(x, y, epochs: 1, batchSize: 16, verbose: 0, seed: 1);
        b.Fit(x, y, epochs: 1, batchSize: 16, verbose: 0, seed: 2);
        Assert.NotEqual(Weights(a), Weights(b));
    }

    [Fact]
    public void Cancellation_stops_within_one_batch_and_a_later_fit_continues_from_a_consistent_state()
    {
        var (x, y) = Regression(256, seed: 42);
        var model = CompiledMlp();
        using var cts = new CancellationTokenSource();
        var cancelAfter3 = new LambdaCallback(onBatchEnd: (b, _) => { if (b == 2) cts.Cancel(); });
        Assert.ThrowsAny<OperationCanceledException>(() =>
            model.Fit(x, y, epochs: 5, batchSize: 16, verbose: 0, callbacks: [cancelAfter3], cancellationToken: cts.Token));
        Assert.Equal(3, model.Optimizer.Iterations);

        // The state after 3 steps is exactly that of a model trained on the same 3 batches.
        var reference = CompiledMlp();
        var stopAfter3 = new LambdaCallback(onBatchEnd: (b, _) => { if (b == 2) reference.StopTraining = true; });
        reference.Fit(x, y, epochs: 1, batchSize: 16, verbose: 0, callbacks: [stopAfter3]);
        AssertBitwiseEqual(Weights(reference), Weights(model));

        double before = model.Evaluate(x, y)["loss"];
        model.Fit(x, y, epochs: 3, batchSize: 16, verbose: 0);
        Assert.True(model.Evaluate(x, y)["loss"] < before);
    }
}
