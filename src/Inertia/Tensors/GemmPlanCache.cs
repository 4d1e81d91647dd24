namespace Inertia.Tensors;

/// <summary>
/// The last few partitions one driver planned. A training loop multiplies the same handful of
/// shapes thousands of times, and planning one (simulating the hand-out of every candidate
/// cut, <see cref="GemmPartition.Plan"/>) takes microseconds: several percent of a small
/// product. Each driver belongs to one thread, so the cache needs no lock.
/// </summary>
internal sealed class GemmPlanCache
{
    /// <summary>More shapes than one model's forward and backward products.</summary>
    private const int Capacity = 16;

    private readonly Entry[] _entries = new Entry[Capacity];
    private int _count, _next;

    /// <summary><see cref="GemmPartition.Plan"/>, planned once per distinct input while it stays among the last <see cref="Capacity"/>.</summary>
    public (int Strips, int Bands) Plan(int bPanels, int panels, int minimumStrips, int threads)
    {
        for (int i = 0; i < _count; i++)
        {
            ref Entry e = ref _entries[i];
            if (e.BPanels == bPanels && e.Panels == panels && e.MinimumStrips == minimumStrips && e.Threads == threads)
                return (e.Strips, e.Bands);
        }
        var (strips, bands) = GemmPartition.Plan(bPanels, panels, minimumStrips, threads);
        _entries[_next] = new Entry(bPanels, panels, minimumStrips, threads, strips, bands);
        _next = (_next + 1) % Capacity;
        _count = Math.Min(_count + 1, Capacity);
        return (strips, bands);
    }

    private readonly record struct Entry(int BPanels, int Panels, int MinimumStrips, int Threads, int Strips, int Bands);
}
