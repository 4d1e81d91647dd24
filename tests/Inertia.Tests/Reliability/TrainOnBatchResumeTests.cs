using Inertia.FaultHost;
using Inertia.Training;
using static Inertia.Tests.Training.TrainingFixtures;

namespace Inertia.Tests.Reliability;

public class TrainOnBatchResumeTests
{
    /// <summary>
    /// TrainOnBatch advances Dropout's mask counter on every call; the checkpoint kill test found
    /// that the counter was not saved, so a model reloaded mid-run drew step 0's masks again.
    /// </summary>
    [Fact]
    public void A_model_trained_with_TrainOnBatch_and_reloaded_draws_the_dropout_masks_of_an_uninterrupted_run()
    {
        var straight = Scenarios.Model("adam");
        for (int i = 0; i < 6; i++) Scenarios.Step(straight);
        var first = Scenarios.Model("adam");
        for (int i = 0; i < 3; i++) Scenarios.Step(first);
        using var file = new MemoryStream();
        first.Save(file);
        var resumed = Sequential.Load(new MemoryStream(file.ToArray()), "in-memory");
        for (int i = 0; i < 3; i++) Scenarios.Step(resumed);
        AssertBitwiseEqual(Weights(straight), Weights(resumed));
    }
}
