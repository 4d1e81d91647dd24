using Inertia.Optimizers;
using Inertia.Tensors;

namespace Inertia.Tests.Optimizers;

/// <summary>
/// ZeRO-1 in one process: two optimizers, each built for one half of the same arena and combining
/// their partial results through an in-process all-reduce, take exactly the steps of one optimizer
/// built for the whole arena, including the global decisions (clip norm, skip, overflow report).
/// </summary>
/// <remarks>Runs alone: its shards call the worker pool from two threads at once, which can change the pool under an allocation test.</remarks>
[Collection(ProcessWideThreadsCollection.Name)]
public class ShardTests
{
    // Parameter 0 (a chunk and a part, a multiple of 16 elements) straddles the boundaries 1008 (off
    // the chunk grid) and ChunkFloats (on it); Large is parameter 1's first element.
    private const int Large = OptimizerLayout.ChunkFloats + 23_616;
    private static readonly int[] Sizes = [Large, 300, 17];

    public static TheoryData<string, int> OptimizersAndBoundaries()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in OptimizerFactory.Names)
            foreach (int boundary in new[] { 1008, OptimizerLayout.ChunkFloats, Large })
                data.Add(name, boundary);
        return data;
    }

    [Theory]
    [MemberData(nameof(OptimizersAndBoundaries))]
    public void Two_shards_with_a_combiner_take_the_steps_of_one_whole_optimizer(string name, int boundary)
    {
        var settings = new Dictionary<string, string> { ["weightDecay"] = "0.01", ["useEma"] = "true", ["clipvalue"] = "0.04" };
        // A norm is bitwise the whole optimizer's when no parameter straddles the boundary (its
        // chunks' partials are then added in the same order): the boundary Large.
        if (boundary == Large)
        {
            settings.Remove("clipvalue");
            settings["globalClipnorm"] = "0.5";
        }
        var (whole, wholeOptimizer) = Create(name, settings);
        var (sharded, shards) = CreateShards(name, settings, boundary);

        for (int step = 0; step < 3; step++)
        {
            Fill(whole, step);
            Fill(sharded, step);
            var expected = wholeOptimizer.Apply();
            var results = ApplyTogether(shards);
            Assert.All(results, r => Assert.Equal(expected, r));
        }

        Assert.Equal(whole.Values.Span.ToArray(), sharded.Values.Span.ToArray());
        foreach (var slot in wholeOptimizer.Slots.Select(s => s.Name).Append("average"))
            foreach (var parameter in whole.Parameters.Skip(1))
                Assert.Equal(wholeOptimizer.GetSlot(parameter, slot).ToArray(), shards[1].GetSlot(sharded[parameter.Name], slot).ToArray());
    }

    [Fact]
    public void A_non_finite_gradient_in_one_shard_makes_every_shard_skip_and_name_the_parameter()
    {
        var (arena, shards) = CreateShards("adam", new Dictionary<string, string> { ["nonFinite"] = "throw" }, 1008);
        Fill(arena, 0);
        arena["p2"].Gradient.Span[3] = float.NaN;

        var errors = ApplyTogetherCatching(shards);

        Assert.All(errors, e => Assert.Equal("p2", Assert.IsType<NonFiniteGradientException>(e).ParameterName));
        Assert.All(shards, s => Assert.Equal(1, s.SkippedSteps));
    }

    [Fact]
    public void An_overflow_in_one_shard_is_reported_by_every_shard()
    {
        var (arena, shards) = CreateShards("sgd", new Dictionary<string, string> { ["learningRate"] = "1e30" }, 1008);
        Fill(arena, 0);
        arena["p1"].Gradient.Span[5] = 1e20f;

        var results = ApplyTogether(shards);

        Assert.All(results, r => Assert.Equal(StepResult.Overflowed, r));
        Assert.All(shards, s => Assert.Equal(new UpdateOverflow(1, "p1", 1, 1), s.LastOverflow));
    }

    [Fact]
    public void A_shard_holds_state_for_its_range_only()
    {
        var (arena, shards) = CreateShards("adam", [], 1008);

        Assert.Throws<ArgumentException>(() => shards[0].GetSlot(arena["p1"], "momentum"));
        Assert.Equal(300, shards[1].GetSlot(arena["p1"], "momentum").Length);
        Assert.Throws<InvalidOperationException>(() => shards[0].SaveState(new MemoryStream()));
    }

    [Theory]
    [InlineData(8, 1024)]
    [InlineData(0, 0)]
    [InlineData(-16, 32)]
    public void A_shard_range_off_the_16_element_grid_or_empty_is_refused(int start, int end) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new OptimizerShard(start, end, new InProcessCombiner(1).ForRank(0)));

    [Fact]
    public void A_shard_beyond_the_arena_is_refused()
    {
        var arena = Arena();
        var optimizer = OptimizerFactory.Create("adam");
        var error = Assert.Throws<ArgumentException>(() => optimizer.Build(arena, new OptimizerShard(0, arena.Length + 16, new InProcessCombiner(1).ForRank(0))));
        Assert.Contains(arena.Length.ToString(), error.Message);
    }

    private static ParameterArena Arena() =>
        new(Sizes.Select((size, i) => new Parameter($"p{i}", new Shape(size))));

    private static (ParameterArena, Optimizer) Create(string name, Dictionary<string, string> settings)
    {
        var arena = Arena();
        var optimizer = OptimizerFactory.Create(name, settings);
        optimizer.Build(arena);
        return (arena, optimizer);
    }

    private static (ParameterArena, Optimizer[]) CreateShards(string name, Dictionary<string, string> settings, int boundary)
    {
        var arena = Arena();
        var combiner = new InProcessCombiner(2);
        var shards = new[] { OptimizerFactory.Create(name, settings), OptimizerFactory.Create(name, settings) };
        shards[0].Build(arena, new OptimizerShard(0, boundary, combiner.ForRank(0)));
        shards[1].Build(arena, new OptimizerShard(boundary, arena.Length, combiner.ForRank(1)));
        return (arena, shards);
    }

    private static void Fill(ParameterArena arena, int step)
    {
        var random = new Random(step);
        foreach (var p in arena.Parameters)
        {
            if (step == 0)
                for (int i = 0; i < p.Size; i++) p.Value.Span[i] = (float)(random.NextDouble() - 0.5);
            for (int i = 0; i < p.Size; i++) p.Gradient.Span[i] = (float)(random.NextDouble() - 0.5) * 0.1f;
        }
    }

    private static StepResult[] ApplyTogether(Optimizer[] shards)
    {
        var results = new StepResult[shards.Length];
        var threads = shards.Select((s, i) => new Thread(() => results[i] = s.Apply())).ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();
        return results;
    }

    private static Exception?[] ApplyTogetherCatching(Optimizer[] shards)
    {
        var errors = new Exception?[shards.Length];
        var threads = shards.Select((s, i) => new Thread(() =>
        {
            try { s.Apply(); }
            catch (Exception e) { errors[i] = e; }
        })).ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();
        return errors;
    }

    /// <summary>An all-reduce between threads: each rank posts its array, then every rank sums them in rank order.</summary>
    private sealed class InProcessCombiner(int ranks)
    {
        private readonly Barrier _barrier = new(ranks);
        private readonly object?[] _posted = new object?[ranks];

        public IShardCombiner ForRank(int rank) => new Rank(this, rank);

        private void Sum<T>(int rank, Span<T> values) where T : struct, System.Numerics.INumber<T>
        {
            _posted[rank] = values.ToArray();
            _barrier.SignalAndWait();
            for (int i = 0; i < values.Length; i++)
            {
                var sum = T.Zero;
                for (int r = 0; r < ranks; r++) sum += ((T[])_posted[r]!)[i];
                values[i] = sum;
            }
            _barrier.SignalAndWait();
        }

        private sealed class Rank(InProcessCombiner owner, int rank) : IShardCombiner
        {
            public void SumAcrossShards(Span<double> values) => owner.Sum(rank, values);

            public void SumAcrossShards(Span<long> values) => owner.Sum(rank, values);
        }
    }
}
