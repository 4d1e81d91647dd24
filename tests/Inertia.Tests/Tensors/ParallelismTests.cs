using Inertia.Tensors;

namespace Inertia.Tests.Tensors;

[Collection(ProcessWideThreadsCollection.Name)]
public class ParallelismTests
{
    private sealed class CountingWork(int count) : IParallelWork
    {
        public readonly int[] Hits = new int[count];

        public void Execute(int index) => Interlocked.Increment(ref Hits[index]);
    }

    private sealed class ThrowingWork(int failAt) : IParallelWork
    {
        public void Execute(int index)
        {
            if (index == failAt) throw new InvalidOperationException($"item {index} failed");
        }
    }

    private sealed class NestedWork : IParallelWork
    {
        public readonly CountingWork[] Inner = Enumerable.Range(0, 8).Select(_ => new CountingWork(16)).ToArray();

        public void Execute(int index) => Parallelism.For(16, Inner[index]);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1000)]
    [InlineData(2, 3)]
    [InlineData(1, 0)]
    public void Every_item_runs_exactly_once(int threads, int count)
    {
        int saved = Parallelism.MaxThreads;
        Parallelism.MaxThreads = threads;
        try
        {
            var work = new CountingWork(count);
            for (int round = 0; round < 20; round++) Parallelism.For(count, work);
            Assert.All(work.Hits, h => Assert.Equal(20, h));
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    [Fact]
    public void Forks_that_find_the_workers_asleep_run_every_item_exactly_once()
    {
        // A millisecond between forks outlasts the workers' spin, so each fork wakes a sleeper
        // or the caller takes back the place it offered.
        var work = new CountingWork(64);
        for (int round = 0; round < 20; round++)
        {
            Thread.Sleep(1);
            Parallelism.For(64, work);
        }
        Assert.All(work.Hits, h => Assert.Equal(20, h));
    }

    [Fact]
    public void A_failing_item_surfaces_on_the_caller_and_the_pool_keeps_working()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Parallelism.For(100, new ThrowingWork(37)));
        Assert.Equal("item 37 failed", e.Message);
        var work = new CountingWork(100);
        Parallelism.For(100, work);
        Assert.All(work.Hits, h => Assert.Equal(1, h));
    }

    [Fact]
    public void Nested_parallel_calls_run_inline_and_complete()
    {
        var outer = new NestedWork();
        Parallelism.For(outer.Inner.Length, outer);
        Assert.All(outer.Inner, w => Assert.All(w.Hits, h => Assert.Equal(1, h)));
    }

    [Fact]
    public void Concurrent_callers_all_complete()
    {
        var works = Enumerable.Range(0, 6).Select(_ => new CountingWork(500)).ToArray();
        System.Threading.Tasks.Parallel.ForEach(works, w =>
        {
            for (int round = 0; round < 10; round++) Parallelism.For(500, w);
        });
        Assert.All(works, w => Assert.All(w.Hits, h => Assert.Equal(10, h)));
    }

    [Fact]
    public void A_pass_allocates_nothing_after_warm_up()
    {
        var work = new CountingWork(64);
        for (int i = 0; i < 10; i++) Parallelism.For(64, work);
        Assert.Equal(0, ThreadAllocations.During(() => { for (int i = 0; i < 100; i++) Parallelism.For(64, work); }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void MaxThreads_below_one_is_rejected_with_its_value(int value)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Parallelism.MaxThreads = value);
        Assert.Equal("MaxThreads", e.ParamName);
        Assert.Equal(value, e.ActualValue);
    }
}
