using System.Globalization;
using System.Runtime.InteropServices;
using Inertia.Optimizers;

namespace Inertia.Distributed.Tests;

/// <summary>
/// Trains the rank host's scenario (71 samples, batches of 10: full batches split 5/5 and 3/3/4,
/// the last batch of one row leaves ranks empty) for 2 epochs, 16 steps, with every optimizer, in
/// one process and on 2 and 3 ranks, with the optimizer state replicated and sharded (ZeRO-1).
/// </summary>
/// <remarks>
/// The bound: a rank's share of the mean gradient is summed in another order than one process
/// sums the batch, so each step's gradient differs by a few float32 rounding errors (ε = 2⁻²³ ≈
/// 1.2e-7) relative to the gradient's magnitude; the update maps that to at most a few ulps of the
/// weights per step (lr ≤ 0.01, clipnorm 1, and the adaptive optimizers' denominators are floored
/// by ε). Over 16 steps that is far below |Δw| ≤ 1e-5·(1 + |w|), the bound asserted; measured:
/// at most 1.8e-7. Losses agree to 1e-6 relative; accuracy, a count, exactly.
/// </remarks>
public sealed class DataParallelTests(DataParallelTests.Runs runs) : IClassFixture<DataParallelTests.Runs>
{
    public const double WeightBound = 1e-5;

    public sealed class Runs : IDisposable
    {
        private readonly TempDirectory _root = new();

        public Runs()
        {
            foreach (int ranks in new[] { 0, 2, 3 })
                Dir[ranks] = Train(ranks, "fit");
            Dir[-2] = Train(2, "fit", "again");
            foreach (int ranks in new[] { 2, 3 })
                Zero[ranks] = Train(ranks, "fit-zero");
            Zero[-2] = Train(2, "fit-zero", "again");
            foreach (var (key, ranks, mode) in new[] { (0, 0, "replicated"), (2, 2, "replicated"), (-2, 2, "zero") })
                Pipeline[key] = Train(ranks, "fit-pipeline", mode, mode);
        }

        /// <summary>Replicated optimizer state, by rank count (0: one process, −2: 2 ranks again).</summary>
        public Dictionary<int, string> Dir { get; } = [];

        /// <summary>ZeRO-1, by rank count.</summary>
        public Dictionary<int, string> Zero { get; } = [];

        /// <summary>The whole pipeline (schedule, EMA, accumulation, decay exclusions, group, global clipnorm): one process (0), 2 ranks replicated (2), 2 ranks ZeRO-1 (−2).</summary>
        public Dictionary<int, string> Pipeline { get; } = [];

        private string Train(int ranks, string mode, string tag = "", string? variant = null)
        {
            string dir = _root.File($"{mode}-{ranks}{tag}");
            Directory.CreateDirectory(dir);
            Mpiexec.Succeed(ranks, TimeSpan.FromMinutes(3), [Mpiexec.RankHost, mode, dir, variant is null ? "2" : "3", .. variant is null ? Array.Empty<string>() : [variant]]);
            return dir;
        }

        public void Dispose() => _root.Dispose();
    }

    public static TheoryData<string> Optimizers => [.. OptimizerFactory.Names];

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Two_and_three_ranks_match_one_process_within_the_reduction_order_bound(string optimizer)
    {
        var single = Weights(runs.Dir[0], optimizer);
        foreach (int ranks in new[] { 2, 3 })
        {
            var distributed = Weights(runs.Dir[ranks], optimizer);
            Assert.Equal(single.Length, distributed.Length);
            for (int i = 0; i < single.Length; i++)
                Assert.True(Math.Abs(distributed[i] - single[i]) <= WeightBound * (1 + Math.Abs(single[i])),
                    $"{optimizer} on {ranks} ranks: weight {i} is {distributed[i]:R}, one process {single[i]:R}.");
            var (oneLogs, nLogs) = (Logs(runs.Dir[0], optimizer), Logs(runs.Dir[ranks], optimizer));
            for (int e = 0; e < oneLogs.Count; e++)
            {
                Assert.Equal(oneLogs[e]["accuracy"], nLogs[e]["accuracy"]);
                Assert.Equal(oneLogs[e]["loss"], nLogs[e]["loss"], 1e-6 * Math.Abs(oneLogs[e]["loss"]));
            }
        }
    }

    /// <summary>
    /// Reduce-scatter then all-gather sums each element in the order the all-reduce does, and a
    /// shard steps its range as the whole optimizer does, with the same global decisions: ZeRO-1
    /// is not merely within the bound of the replicated run, it is the same bits (measured, and
    /// held here so that a change to either path shows).
    /// </summary>
    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Zero1_on_two_and_three_ranks_takes_the_replicated_runs_steps_bit_for_bit(string optimizer)
    {
        foreach (int ranks in new[] { 2, 3 })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(runs.Dir[ranks], optimizer + ".weights")), File.ReadAllBytes(Path.Combine(runs.Zero[ranks], optimizer + ".weights")));
            Assert.Equal(File.ReadAllText(Path.Combine(runs.Dir[ranks], optimizer + ".logs")), File.ReadAllText(Path.Combine(runs.Zero[ranks], optimizer + ".logs")));
        }
    }

    /// <summary>
    /// With an exponential-decay schedule, EMA, accumulation over 2 batches, weight decay with
    /// biases excluded, global clipnorm and a group halving the first kernel's rate (3 epochs, 24
    /// batches, 12 updates): 2 ranks stay within the bound of one process, and the ZeRO-1 shards
    /// (rebuilt from the optimizer's config, groups and exclusions) take the replicated steps bit
    /// for bit — a group or exclusion lost on the way would show here.
    /// </summary>
    [Theory]
    [MemberData(nameof(Optimizers))]
    public void The_whole_keras_pipeline_behaves_on_ranks_as_in_one_process_sharded_or_not(string optimizer)
    {
        var single = Weights(runs.Pipeline[0], optimizer);
        var replicated = Weights(runs.Pipeline[2], optimizer);
        for (int i = 0; i < single.Length; i++)
            Assert.True(Math.Abs(replicated[i] - single[i]) <= WeightBound * (1 + Math.Abs(single[i])),
                $"{optimizer}: weight {i} is {replicated[i]:R} on 2 ranks, one process {single[i]:R}.");
        Assert.Equal(File.ReadAllBytes(Path.Combine(runs.Pipeline[2], optimizer + ".weights")), File.ReadAllBytes(Path.Combine(runs.Pipeline[-2], optimizer + ".weights")));
        Assert.Equal(File.ReadAllText(Path.Combine(runs.Pipeline[2], optimizer + ".logs")), File.ReadAllText(Path.Combine(runs.Pipeline[-2], optimizer + ".logs")));
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void A_fixed_rank_count_is_bitwise_reproducible(string optimizer)
    {
        foreach (var (first, again) in new[] { (runs.Dir[2], runs.Dir[-2]), (runs.Zero[2], runs.Zero[-2]) })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first, optimizer + ".weights")), File.ReadAllBytes(Path.Combine(again, optimizer + ".weights")));
            Assert.Equal(File.ReadAllText(Path.Combine(first, optimizer + ".logs")), File.ReadAllText(Path.Combine(again, optimizer + ".logs")));
        }
    }

    internal static float[] Weights(string dir, string optimizer) =>
        MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(Path.Combine(dir, optimizer + ".weights"))).ToArray();

    private static List<Dictionary<string, double>> Logs(string dir, string optimizer) =>
        [.. File.ReadAllLines(Path.Combine(dir, optimizer + ".logs")).Select(line => line.Split(' ')
            .Select(kv => kv.Split('=')).ToDictionary(kv => kv[0], kv => double.Parse(kv[1], CultureInfo.InvariantCulture)))];
}
