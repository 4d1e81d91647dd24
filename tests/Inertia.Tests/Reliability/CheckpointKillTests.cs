using System.Diagnostics;
using Inertia.Data;
using Inertia.FaultHost;
using Inertia.Tests.Training;
using Inertia.Training;
using Xunit.Abstractions;
using static Inertia.Tests.Training.TrainingFixtures;

namespace Inertia.Tests.Reliability;

/// <summary>
/// A child process (Inertia.FaultHost save-loop) saves checkpoint version after version into
/// one file and is killed with SIGKILL at seeded random moments; each restart resumes from the
/// file. After every kill the file must be an intact version (old or new, never a mix) that
/// predicts exactly as that version did, and killed saves must not pile up temporary files.
/// </summary>
public class CheckpointKillTests(ITestOutputHelper output)
{
    private const int Kills = 50;
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_checkpoint_saved_in_a_loop_survives_SIGKILL_at_random_moments_intact()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "ckpt.inertia");
        var (x, _) = Scenarios.Data();
        var reference = Scenarios.Model("adam");
        var versions = new List<(float[] Weights, float[] Predictions)> { (Weights(reference), reference.Predict(x).ToArray()) };
        var random = new SeededRandom(0x5161);
        long previous = 0;
        int midSave = 0;
        var clock = Stopwatch.StartNew();
        for (int kill = 0; kill < Kills; kill++)
        {
            using (var child = FaultHostProcess.Start("save-loop", path))
            {
                string? ready = null;
                try
                {
                    ready = await child.StandardOutput.ReadLineAsync().WaitAsync(ReadyLimit);
                }
                catch (TimeoutException)
                {
                }
                if (ready?.StartsWith("ready", StringComparison.Ordinal) != true)
                {
                    child.Kill();
                    Assert.Fail($"Kill {kill}: the child did not start its save loop within {ReadyLimit}: '{ready}' {await child.StandardError.ReadToEndAsync()}");
                }
                await Task.Delay(random.NextInt(40));
                child.Kill();
                await child.WaitForExitAsync();
            }
            var temporaries = Directory.GetFiles(dir.Path, "*.tmp");
            if (temporaries.Length > 0) midSave++;
            Assert.True(temporaries.Length <= 1, $"Kill {kill}: {temporaries.Length} temporary files remain: {string.Join(", ", temporaries)}.");

            var loaded = Sequential.Load(path);
            long version = loaded.Optimizer.Iterations;
            Assert.True(version >= previous, $"Kill {kill}: the checkpoint went back from version {previous} to {version}.");
            while (versions.Count <= version)
            {
                Scenarios.Step(reference);
                versions.Add((Weights(reference), reference.Predict(x).ToArray()));
            }
            AssertBitwiseEqual(versions[(int)version].Weights, Weights(loaded));
            AssertBitwiseEqual(versions[(int)version].Predictions, loaded.Predict(x).ToArray());
            previous = version;
        }
        output.WriteLine($"{Kills} kills survived in {clock.Elapsed.TotalSeconds:F1} s; last version {previous}; " +
                         $"{midSave} kills left a half-written temporary file (each removed by the next save).");
        Assert.True(previous > Kills, $"Only {previous} versions were saved across {Kills} kills: the kills did not land during saving.");
        Assert.True(midSave > 0, "No kill landed in the middle of a save.");
    }
}
