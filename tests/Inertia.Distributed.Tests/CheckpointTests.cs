namespace Inertia.Distributed.Tests;

/// <summary>
/// A checkpoint written by a 2-rank ZeRO-1 job (the shards' state gathered into one whole
/// optimizer, saved atomically by rank 0) resumes in one plain process and on 3 ranks with the
/// state resharded by parameter name, and continues the run: 2 + 2 epochs land where 4
/// uninterrupted epochs in one process land, within the reduction-order bound of <see cref="DataParallelTests"/>.
/// </summary>
public sealed class CheckpointTests
{
    [Fact]
    public void A_zero1_checkpoint_saved_by_two_ranks_resumes_on_one_and_on_three()
    {
        using var dir = new TempDirectory();
        Mpiexec.Succeed(0, TimeSpan.FromMinutes(1), Mpiexec.RankHost, "checkpoint", dir.File("straight.inertia"), "4", "replicated");
        Mpiexec.Succeed(2, TimeSpan.FromMinutes(1), Mpiexec.RankHost, "checkpoint", dir.File("two.inertia"), "2", "zero");
        Mpiexec.Succeed(0, TimeSpan.FromMinutes(1), Mpiexec.RankHost, "resume", dir.File("two.inertia"), dir.File("on-one.inertia"), "4", "replicated");
        Mpiexec.Succeed(3, TimeSpan.FromMinutes(2), Mpiexec.RankHost, "resume", dir.File("two.inertia"), dir.File("on-three.inertia"), "4", "zero");

        var straight = Read(dir.File("straight.inertia.weights"));
        var halfway = Read(dir.File("two.inertia.weights"));
        foreach (string resumed in new[] { "on-one.inertia", "on-three.inertia" })
        {
            var w = Read(dir.File(resumed + ".weights"));
            Assert.Equal(straight.Length, w.Length);
            Assert.NotEqual(halfway, w);
            for (int i = 0; i < w.Length; i++)
                Assert.True(Math.Abs(w[i] - straight[i]) <= DataParallelTests.WeightBound * (1 + Math.Abs(straight[i])),
                    $"{resumed}: weight {i} is {w[i]:R}, uninterrupted {straight[i]:R}.");
        }
    }

    private static float[] Read(string path) => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path)).ToArray();
}
