using System.Runtime.CompilerServices;

namespace Inertia.Tensors;

/// <summary>
/// Chooses how the driver cuts C into work items: strips of whole B panels × bands of row
/// panels. Every micro-kernel call costs about the same (an edge tile runs the full kernel), so
/// an item's cost is its B panels × its row panels, and the pool hands items out in index
/// order to whichever thread is free.
/// </summary>
/// <remarks>
/// The plain cut (about two items per thread) leaves one thread idle for a whole item when the
/// panels do not divide evenly: n = 300 is 10 B panels, cut 2, 3, 2, 3, so one thread does 6
/// of 10 and the call takes 20 % longer than an even split. Finer strips cost nothing extra
/// (each B panel is packed once per band either way, and A streams from L2 once per B panel
/// either way), so the plan moves to finer strips whenever that shortens the busiest thread.
/// The partition never changes any element's arithmetic (see <see cref="GemmDriver"/>).
/// </remarks>
internal static class GemmPartition
{
    /// <summary>Strips and bands for <paramref name="threads"/> threads (2 or more).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (int Strips, int Bands) Plan(int bPanels, int panels, int minimumStrips, int threads)
    {
        int wanted = 2 * threads;
        int bestStrips = Math.Max(minimumStrips, Math.Min(bPanels, wanted));
        int bestBands = BandsFor(bestStrips, panels, wanted);
        long bestSpan = Makespan(bPanels, bestStrips, panels, bestBands, threads);
        // Beyond a few items per thread finer strips only add items (and planning time).
        int finest = Math.Min(bPanels, 4 * wanted);
        for (int strips = bestStrips + 1; strips <= finest; strips++)
        {
            int bands = BandsFor(strips, panels, wanted);
            long span = Makespan(bPanels, strips, panels, bands, threads);
            if (span < bestSpan)
                (bestStrips, bestBands, bestSpan) = (strips, bands, span);
        }
        return (bestStrips, bestBands);
    }

    // Row panels are cut into bands only when there are too few strips to keep every thread
    // busy (each band packs its strip's B again).
    private static int BandsFor(int strips, int panels, int wanted) =>
        strips >= wanted ? 1 : Math.Min(panels, (wanted + strips - 1) / strips);

    /// <summary>
    /// Kernel calls on the busiest thread when items go, in the driver's order (strip fastest),
    /// to whichever thread is free first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static long Makespan(int bPanels, int strips, int panels, int bands, int threads)
    {
        Span<long> busy = threads <= 64 ? stackalloc long[threads] : new long[threads];
        for (int item = 0; item < strips * bands; item++)
        {
            int strip = item % strips, band = item / strips;
            long cost = (long)((strip + 1) * bPanels / strips - strip * bPanels / strips)
                * ((band + 1) * panels / bands - band * panels / bands);
            int idle = 0;
            for (int t = 1; t < threads; t++)
                if (busy[t] < busy[idle]) idle = t;
            busy[idle] += cost;
        }
        long span = 0;
        foreach (long b in busy) span = Math.Max(span, b);
        return span;
    }
}
