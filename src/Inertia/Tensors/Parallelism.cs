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
            Start.Release(threads - 1);
            RunItems();
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

    private static void WaitForWorkers()
    {
        var spin = new SpinWait();
        while (Volatile.Read(ref _active) > 0 && !spin.NextSpinWillYield)
            spin.SpinOnce();
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
            Start.Wait();
            RunItems();
            if (Interlocked.Decrement(ref _active) == 0)
                lock (DoneGate) Monitor.PulseAll(DoneGate);
        }
    }
}
