namespace Inertia.Tests;

/// <summary>
/// The bytes a call allocates on the calling thread, measured with the collector settled first.
/// </summary>
/// <remarks>
/// A test's set-up allocates large pinned arrays (arenas, slots), which can start a background
/// gen-2 collection that is still running when the measured window opens. Its last pause
/// suspends every thread and retires the thread's allocation quantum, and
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> then reports the unused rest of it (0–8 KB)
/// as allocated although the thread allocated nothing: every such report traced in the optimizer
/// tests coincided with a background collection's pause inside the window (docs/design.md, the
/// worker pool). A blocking collection first waits for any background one to finish.
/// </remarks>
internal static class ThreadAllocations
{
    public static long During(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
