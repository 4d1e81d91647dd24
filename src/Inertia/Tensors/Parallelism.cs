using System.Diagnostics;
using System.Runtime.CompilerServices;
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
/// <para>
/// A fork publishes one 64-bit word: the fork's generation and the number of worker places it
/// offers. An idle worker watches that word for <see cref="SpinMicroseconds"/> before it sleeps,
/// so back-to-back passes (an optimizer step, the GEMMs of a training step) pay no futex wake-up;
/// a worker joins a fork by claiming a place with a compare-and-swap on the whole word, so a
/// worker that is late can never join a later fork under an earlier generation. Places no worker
/// has claimed when the caller runs out of items are taken back by the caller, so it never waits
/// for a sleeping worker to wake up only to find nothing left to do.
/// </para>
/// </remarks>
public static class Parallelism
{
    /// <summary>How long an idle worker (and the caller waiting at the join) spins before it blocks.</summary>
    /// <remarks>
    /// About twice the measured futex wake-up (≈ 24 µs after the worker has gone to sleep): a fork
    /// within that time is picked up at once; a longer gap costs the spin, then the wake-up.
    /// Bounded because the cores are shared: a worker spinning forever would take time slices
    /// that other processes' threads, or the caller's own serial work, need.
    /// </remarks>
    private const int SpinMicroseconds = 50;

    private static readonly long SpinTicks = Stopwatch.Frequency * SpinMicroseconds / 1_000_000;
    private static readonly object Gate = new();
    // Sleeping workers wait on this monitor; the caller pulses it only when one has gone to sleep.
    private static readonly object WakeGate = new();
    // The caller, when its join outlasts the spin, waits on this monitor for the last worker.
    private static readonly object DoneGate = new();
    private static readonly List<Thread> Workers = [];
    private static int _maxThreads = Environment.ProcessorCount;
    private static IParallelWork? _work;
    private static int _count;
    private static int _next;
    private static int _active;
    private static int _sleepers;
    // High 32 bits: the fork's generation; low 32 bits: the places still unclaimed.
    private static long _fork;
    private static ExceptionDispatchInfo? _failure;

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
            Fork(threads - 1);
            RunItems();
            TakeBackUnclaimedPlaces();
            WaitForWorkers();
            _work = null;
            _failure?.Throw();
        }
        finally
        {
            Monitor.Exit(Gate);
        }
    }

    // The exchange is a full fence: it publishes the fields above before any worker can claim a
    // place, and orders the read of _sleepers after it (a worker raises _sleepers, also with a
    // full fence, before its last look at the word; so either it sees the fork or we see it).
    private static void Fork(int places)
    {
        int generation = (int)(Volatile.Read(ref _fork) >> 32) + 1;
        Interlocked.Exchange(ref _fork, (long)generation << 32 | (uint)places);
        if (Volatile.Read(ref _sleepers) > 0)
            lock (WakeGate) Monitor.PulseAll(WakeGate);
    }

    private static void TakeBackUnclaimedPlaces()
    {
        long word;
        while ((int)(word = Volatile.Read(ref _fork)) > 0)
        {
            if (Interlocked.CompareExchange(ref _fork, word & ~0xFFFF_FFFFL, word) == word)
            {
                Interlocked.Add(ref _active, -(int)word);
                return;
            }
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

    // Fully optimized from the first call: the spin loops are the hot path of every fork, and a
    // tier-0 body would be replaced on the stack (OSR) in the middle of a measured step.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WaitForWorkers()
    {
        long start = Stopwatch.GetTimestamp();
        while (Volatile.Read(ref _active) > 0)
        {
            if (Stopwatch.GetTimestamp() - start > SpinTicks)
            {
                lock (DoneGate)
                {
                    while (Volatile.Read(ref _active) > 0)
                        Monitor.Wait(DoneGate);
                }
                return;
            }
            Thread.SpinWait(8);
        }
    }

    private static void EnsureWorkers(int needed)
    {
        while (Workers.Count < needed)
        {
            // The worker starts from the current generation, so the fork about to be published is new to it.
            int seen = (int)(Volatile.Read(ref _fork) >> 32);
            var t = new Thread(() => WorkerLoop(seen)) { IsBackground = true, Name = $"inertia-worker-{Workers.Count + 1}" };
            Workers.Add(t);
            t.Start();
        }
    }

    private static void WorkerLoop(int seen)
    {
        while (true)
        {
            long word = AwaitFork(seen);
            int generation = (int)(word >> 32);
            if ((int)word > 0 && Interlocked.CompareExchange(ref _fork, word - 1, word) != word)
                continue; // the word changed under us (another claim, the take-back or a new fork): look again
            seen = generation;
            if ((int)word == 0) continue; // every place was taken: this fork runs without us
            RunItems();
            if (Interlocked.Decrement(ref _active) == 0)
                lock (DoneGate) Monitor.PulseAll(DoneGate);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long AwaitFork(int seen)
    {
        long start = Stopwatch.GetTimestamp();
        long word;
        while ((int)((word = Volatile.Read(ref _fork)) >> 32) == seen)
        {
            if (Stopwatch.GetTimestamp() - start > SpinTicks)
                return Sleep(seen);
            Thread.SpinWait(8);
        }
        return word;
    }

    private static long Sleep(int seen)
    {
        lock (WakeGate)
        {
            Interlocked.Increment(ref _sleepers);
            long word;
            while ((int)((word = Volatile.Read(ref _fork)) >> 32) == seen)
                Monitor.Wait(WakeGate);
            Interlocked.Decrement(ref _sleepers);
            return word;
        }
    }
}
