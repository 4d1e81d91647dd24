using System.Diagnostics;

namespace Inertia.Distributed.Tests;

/// <summary>What a job does when one of its ranks dies or finds bad input.</summary>
public sealed class FaultTests
{
    /// <summary>
    /// MPICH's Hydra launcher ends the whole job when one process dies (its default
    /// auto-cleanup; <c>srun --kill-on-bad-exit=1</c> under Slurm): the survivors, blocked in the
    /// next all-reduce, are killed and mpiexec reports the dead rank and exits non-zero.
    /// </summary>
    [Fact]
    public void A_killed_rank_ends_the_job_within_30_seconds()
    {
        using var dir = new TempDirectory();
        var job = Mpiexec.Start(2, Mpiexec.RankHost, "train-forever", dir.Path);
        var started = Stopwatch.StartNew();
        while (!(File.Exists(dir.File("rank-0.pid")) && File.Exists(dir.File("rank-1.pid"))))
        {
            if (job.HasExited || started.Elapsed > TimeSpan.FromMinutes(1))
            {
                job.Kill(entireProcessTree: true);
                Assert.Fail($"The ranks did not start training: {job.StandardError.ReadToEnd()}");
            }
            Thread.Sleep(100);
        }
        Thread.Sleep(300);
        int survivor = int.Parse(File.ReadAllText(dir.File("rank-0.pid")), System.Globalization.CultureInfo.InvariantCulture);
        using (var victim = Process.GetProcessById(int.Parse(File.ReadAllText(dir.File("rank-1.pid")), System.Globalization.CultureInfo.InvariantCulture)))
            victim.Kill();

        var result = Mpiexec.Wait(job, TimeSpan.FromSeconds(30), "the job after its rank 1 was killed");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Killed (signal 9)", result.Out + result.Error);
        Assert.False(IsRunning(survivor), "rank 0 still runs after the job ended.");
    }

    /// <summary>
    /// Rank 1 throws in the middle of training while rank 0 waits in the next all-reduce: rank 1
    /// prints one line and calls MPI_Abort, which ends rank 0 too, with rank 1's exit code.
    /// </summary>
    [Fact]
    public void A_rank_that_throws_ends_every_rank_with_its_message_and_exit_code()
    {
        using var dir = new TempDirectory();

        var result = Mpiexec.Run(2, TimeSpan.FromSeconds(60), Mpiexec.RankHost, "throw", dir.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("rank 1 of 2: InvalidOperationException: injected failure at epoch 2 batch 3", result.Error);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    /// <summary>
    /// Only rank 1 is asked to stop (Ctrl-C reaches ranks at different moments), after its 5th
    /// step. The request travels with step 6's losses, so every rank stops before batch 7 with
    /// 6 steps taken and the same weights, instead of one rank leaving the others in a collective.
    /// </summary>
    [Fact]
    public void A_stop_requested_on_one_rank_stops_every_rank_before_the_same_batch()
    {
        using var dir = new TempDirectory();

        Mpiexec.Succeed(2, TimeSpan.FromSeconds(60), Mpiexec.RankHost, "cancel", dir.Path);

        Assert.Equal("6", File.ReadAllText(dir.File("rank-0.steps")));
        Assert.Equal("6", File.ReadAllText(dir.File("rank-1.steps")));
    }

    /// <summary>
    /// Every rank reads its own copy of the data (as on a cluster's local disks). The load is
    /// agreed before training starts: the rank with the corrupt file prints the data error, and
    /// every rank exits 3 without writing a model.
    /// </summary>
    [Fact]
    public void Corrupt_data_on_one_rank_stops_every_rank_with_the_data_error()
    {
        using var dir = new TempDirectory();
        string good = dir.File("good.csv"), bad = dir.File("bad.csv");
        var lines = Enumerable.Range(0, 40).Select(i => $"{i % 7 * 0.1:0.0},{i % 5 * 0.2:0.0},{i % 3}").ToArray();
        File.WriteAllLines(good, lines);
        File.WriteAllLines(bad, [.. lines[..20], "0.5,not-a-number,1", .. lines[20..]]);
        string[] Train(string csv) => ["-n", "1", Mpiexec.Dotnet, Mpiexec.Cli, "train", "--csv", csv, "--label", "2", "--model", "2-4-3",
            "--epochs", "1", "--batch-size", "8", "--quiet", "--threads", "1", "--output", dir.File("model.inertia")];

        var result = Mpiexec.RunGroups(TimeSpan.FromMinutes(1), Train(good), Train(bad));

        Assert.Equal(3, result.ExitCode);
        var errors = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("inertia: error:", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(errors);
        Assert.Contains("rank 1 of 2", line);
        Assert.Contains("bad.csv", line);
        Assert.False(File.Exists(dir.File("model.inertia")));
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
