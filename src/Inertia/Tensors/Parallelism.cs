using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Inertia.Tensors;

/// <summary>
/// Runs independent work items on a small pool of persistent threads without allocating.
/// Results never depend on the thread count: every kernel gives each item a fixed range of
/// memory and a fixed order of arithmetic, so 1 or N threads produce the same bits.
/// </summary>
/// <remarks>
/// Calls made from inside a work item, or while another thread is using the pool, run on the
/// calling thread; so the pool is safe to use from several threads at once (e.g. concurrent
/// <c>Predict</c> calls), and nested parallel kernels simply run serially.
/// </remarks>
public static class Parallelism
{
    /// <summary>
    /// How long an idle worker, and a caller waiting for its workers, spin before they block.
    /// Waking a blocked thread costs many times a fork-join between awake threads, and a
    /// training step forks every few tens of microseconds (each GEMM, the optimizer step), so
    /// a worker that keeps spinning that long between forks is found awake during training and
    /// sleeps when the process is idle. The spin yields the core at every check: on an
    /// oversubscribed machine a busy spin took the time slices the working threads needed,
    /// while on a quiet one a yield with nothing else to run returns at once. Measurements:
    /// docs/benchmarks.md.
    /// </summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 5000;

    private static readonly object Gate = new();
    private static readonly SemaphoreSlim Start = new(0);
    // Completion is signalled through a plain monitor: ManualResetEventSlim allocates its lock
    // object the first time a wait has to block, which can land in a step that must not allocate.
    private static readonly object DoneGate = new();
    private static readonly List<Thread> Workers = [];
    private static int _maxThreads = Environment.ProcessorCount;
    private static IParallelWork? _work;
    private static int _count;
    private static int _next;
    private static int _active;
    private static ExceptionDispatchInfo? _failure;
    // Workers spinning for their next item, and items handed to spinners: a fork hands each
    // worker it needs to a spinner if one is counted here, else releases a sleeper (see WorkerLoop).
    private static int _spinners;
    private static int _offers;

    [ThreadStatic]
    private static bool _insideWork;

    /// <summary>
    /// Upper bound on the threads one parallel pass uses (the caller included). Defaults to the
    /// number of processors.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public static int MaxThreads
    {
        get => _maxThreads;
        set
        {
            if (value < 1)
                throw new ArgumentOutOfRangeException(nameof(MaxThreads), value, "MaxThreads must be at least 1.");
            _maxThreads = value;
        }
    }

    /// <summary>Calls <c>work.Execute(i)</c> for every i in [0, <paramref name="count"/>), spread over the pool.</summary>
    public static void For(int count, IParallelWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        int threads = Math.Min(_maxThreads, count);
        if (threads <= 1 || _insideWork || !Monitor.TryEnter(Gate))
        {
            for (int i = 0; i < count; i++) work.Execute(i);
            return;
        }
        try
        {
            EnsureWorkers(threads - 1);
            _work = work;
            _count = count;
            _next = -1;
            _failure = null;
            _active = threads - 1;
            for (int w = 0; w < threads - 1; w++) Wake();
            RunItems();
            TakeBackUnclaimedOffers();
            WaitForWorkers();
            _work = null;
            _failure?.Throw();
        }
        finally
        {
            Monitor.Exit(Gate);
        }
    }

    private static void RunItems()
    {
        bool wasInside = _insideWork;
        _insideWork = true;
        try
        {
            var work = _work!;
            int i;
            while ((i = Interlocked.Increment(ref _next)) < _count)
                work.Execute(i);
        }
        catch (Exception e)
        {
            // Stop handing out items; the caller rethrows the first failure.
            Interlocked.Exchange(ref _next, _count);
            Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
        }
        finally
        {
            _insideWork = wasInside;
        }
    }

    // Hands one worker to the fork just published: a spinning one if any is counted (it sees the
    // offer within a spin), else a sleeping one through the semaphore.
    private static void Wake()
    {
        while (true)
        {
            int spinners = Volatile.Read(ref _spinners);
            if (spinners == 0)
            {
                Start.Release();
                return;
            }
            if (Interlocked.CompareExchange(ref _spinners, spinners - 1, spinners) == spinners)
            {
                Interlocked.Increment(ref _offers);
                return;
            }
        }
    }

    /// <summary>
    /// Every item is claimed once the caller's own loop ends, so an offer no spinner has taken
    /// yet (its worker was not scheduled: a loaded machine) would only make the caller wait for
    /// that worker to run and find nothing to do. The caller takes such offers back, counts their
    /// spinners as spinning again and their workers as done.
    /// </summary>
    private static void TakeBackUnclaimedOffers()
    {
        while (true)
        {
            int offers = Volatile.Read(ref _offers);
            if (offers == 0) return;
            if (Interlocked.CompareExchange(ref _offers, offers - 1, offers) != offers) continue;
            Interlocked.Increment(ref _spinners);
            Interlocked.Decrement(ref _active);
        }
    }

    private static void WaitForWorkers()
    {
        long deadline = Stopwatch.GetTimestamp() + SpinTicks;
        while (Volatile.Read(ref _active) > 0 && Stopwatch.GetTimestamp() < deadline)
            Thread.Yield();
        lock (DoneGate)
        {
            while (Volatile.Read(ref _active) > 0)
                Monitor.Wait(DoneGate);
        }
    }

    private static void EnsureWorkers(int needed)
    {
        while (Workers.Count < needed)
        {
            var t = new Thread(WorkerLoop) { IsBackground = true, Name = $"inertia-worker-{Workers.Count + 1}" };
            Workers.Add(t);
            t.Start();
        }
    }

    private static void WorkerLoop()
    {
        while (true)
        {
            if (!TakeOfferWhileSpinning())
                Start.Wait();
            RunItems();
            if (Interlocked.Decrement(ref _active) == 0)
                lock (DoneGate) Monitor.PulseAll(DoneGate);
        }
    }

    /// <summary>
    /// Spins for <see cref="SpinTicks"/>, counted in <see cref="_spinners"/>, waiting for an
    /// offer. Gives up only by taking itself off the count: if a fork already took it off (and
    /// so owes it an offer), it keeps spinning until that offer arrives or the caller takes it
    /// back and counts it as spinning again, so no hand-out is lost.
    /// </summary>
    private static bool TakeOfferWhileSpinning()
    {
        Interlocked.Increment(ref _spinners);
        long deadline = Stopwatch.GetTimestamp() + SpinTicks;
        while (true)
        {
            int offers = Volatile.Read(ref _offers);
            if (offers > 0)
            {
                if (Interlocked.CompareExchange(ref _offers, offers - 1, offers) == offers) return true;
                continue;
            }
            if (Stopwatch.GetTimestamp() >= deadline)
            {
                int spinners = Volatile.Read(ref _spinners);
                if (spinners > 0 && Interlocked.CompareExchange(ref _spinners, spinners - 1, spinners) == spinners)
                    return false;
            }
            Thread.Yield();
        }
    }
}
