using Inertia.Data;
using Inertia.Training;
using Inertia.Training.Callbacks;
using static Inertia.Tests.Training.TrainingFixtures;

namespace Inertia.Tests.Reliability;

public class CancellationTests
{
    [Fact]
    public void An_already_cancelled_token_stops_fit_before_the_first_step()
    {
        var (x, y) = Regression(64, seed: 60);
        var model = CompiledMlp();
        var before = Weights(model);
        var events = new List<TrainingEvent>();
        Assert.ThrowsAny<OperationCanceledException>(() => model.Fit(x, y, epochs: 3, batchSize: 16, verbose: 0,
            callbacks: [new LambdaCallback(onTrainingEvent: events.Add)], cancellationToken: new CancellationToken(canceled: true)));
        Assert.Equal(0, model.Optimizer.Iterations);
        AssertBitwiseEqual(before, Weights(model));
        Assert.Equal((TrainingEventKind.Cancelled, 0, 0), (events.Single().Kind, events[0].Epoch, events[0].Batch));
    }

    /// <summary>
    /// Cancelled from another thread at seeded random moments: Fit stops after the batch in
    /// flight, the model equals one trained for exactly the steps that finished, and a later Fit
    /// trains on exactly as that model does.
    /// </summary>
    [Fact]
    public void Cancelling_from_another_thread_stops_after_the_batch_in_flight_with_a_consistent_model()
    {
        var (x, y) = Regression(512, seed: 61);
        var random = new SeededRandom(62);
        for (int trial = 0; trial < 5; trial++)
        {
            var model = CompiledMlp();
            using var cts = new CancellationTokenSource();
            int finished = 0;
            Thread? canceller = null;
            var count = new LambdaCallback(onBatchEnd: (_, _) =>
            {
                finished++;
                if (finished != 1) return;
                // A thread of its own, not CancelAfter's thread-pool timer: on a busy pool the timer
                // fired only after Fit had finished all its epochs (a step of this model takes µs).
                int delay = random.NextInt(20);
                canceller = new Thread(() => { Thread.Sleep(delay); cts.Cancel(); }) { IsBackground = true };
                canceller.Start();
            });
            Assert.ThrowsAny<OperationCanceledException>(() =>
                model.Fit(x, y, epochs: 1_000_000, batchSize: 8, verbose: 0, callbacks: [count], cancellationToken: cts.Token));
            canceller!.Join();
            Assert.Equal(finished, model.Optimizer.Iterations);

            var reference = CompiledMlp();
            int steps = 0;
            var stop = new LambdaCallback(onBatchEnd: (_, _) => { if (++steps == finished) reference.StopTraining = true; });
            reference.Fit(x, y, epochs: 1000, batchSize: 8, verbose: 0, callbacks: [stop]);
            AssertBitwiseEqual(Weights(reference), Weights(model));

            model.Fit(x, y, epochs: 2, batchSize: 8, verbose: 0);
            reference.Fit(x, y, epochs: 2, batchSize: 8, verbose: 0);
            Assert.Equal(finished + 2 * 64, model.Optimizer.Iterations);
            AssertBitwiseEqual(Weights(reference), Weights(model));
        }
    }
}
