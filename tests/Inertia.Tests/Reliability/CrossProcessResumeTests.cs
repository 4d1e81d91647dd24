using Inertia.FaultHost;
using Inertia.Optimizers;
using Inertia.Tests.Training;
using Inertia.Training;
using static Inertia.Tests.Training.TrainingFixtures;

namespace Inertia.Tests.Reliability;

/// <summary>
/// For every optimizer: train 2 epochs (8 steps), save, load in a new process
/// (Inertia.FaultHost resume), train 3 more epochs (12 steps) there, and compare with 5 epochs
/// straight: weights, layer state and optimizer state bit for bit. The model has BatchNormalization
/// (state) and Dropout (random masks), so the step position and the seeds must survive the file.
/// </summary>
public class CrossProcessResumeTests
{
    private const int SavedAfterEpochs = 2;
    private const int TotalEpochs = 5;

    public static TheoryData<string> Optimizers => new(OptimizerFactory.Names);

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Training_resumed_in_a_new_process_matches_training_straight_through_bit_for_bit(string optimizer)
    {
        using var dir = new TempDirectory();
        var (x, y) = Scenarios.Data();
        var straight = Scenarios.Model(optimizer);
        straight.Fit(x, y, epochs: TotalEpochs, batchSize: Scenarios.BatchSize, verbose: 0);

        var first = Scenarios.Model(optimizer);
        first.Fit(x, y, epochs: SavedAfterEpochs, batchSize: Scenarios.BatchSize, verbose: 0);
        string saved = Path.Combine(dir.Path, "first.inertia"), resumedPath = Path.Combine(dir.Path, "resumed.inertia");
        first.Save(saved);
        FaultHostProcess.Run(TimeSpan.FromSeconds(60), "resume", saved, resumedPath, TotalEpochs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var resumed = Sequential.Load(resumedPath);

        Assert.Equal(TotalEpochs, resumed.CompletedEpochs);
        Assert.Equal(straight.Optimizer.Iterations, resumed.Optimizer.Iterations);
        Assert.Equal(straight.WeightNames, resumed.WeightNames);
        var expected = straight.GetWeights();
        var actual = resumed.GetWeights();
        for (int i = 0; i < expected.Count; i++) AssertBitwiseEqual(expected[i].ToArray(), actual[i].ToArray());
        Assert.Equal(State(straight.Optimizer), State(resumed.Optimizer));
        Assert.NotEqual(Weights(first), Weights(resumed));
    }

    private static byte[] State(Optimizer optimizer)
    {
        using var stream = new MemoryStream();
        optimizer.SaveState(stream);
        return stream.ToArray();
    }
}
