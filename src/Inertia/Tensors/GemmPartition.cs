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
/// Where strips alone cannot even out (7 panels for n = 100) the rows are cut into one band
/// per thread as well. Items go band first, so the threads work on different rows of C at
/// the same time rather than on neighbouring strips of the same rows.
/// The partition never changes any element's arithmetic (see <see cref="GemmDriver"/>).
/// </remarks>
internal static class GemmPartition
{
    /// <summary>
    /// Fewest row panels per band for a cut into bands that enough strips would make
    /// unnecessary: each band packs B again, which at m = 32 (6 panels) made the batch-32 input
    /// gradient 12 % slower (docs/benchmarks.md).
    /// </summary>
    private const int MinimumBandPanels = 16;

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
        for (int strips = bestStrips; strips <= finest; strips++)
        {
            // Whole column panels alone cannot share 7 panels (n = 100) evenly between two
            // threads; cutting the rows as well can, where the bands are tall enough to repay
            // packing their strips of B once more.
            int rowCut = panels >= threads * MinimumBandPanels ? threads : 1;
            foreach (int bands in (ReadOnlySpan<int>)[BandsFor(strips, panels, wanted), rowCut])
            {
                long span = Makespan(bPanels, strips, panels, bands, threads);
                if (span < bestSpan)
                    (bestStrips, bestBands, bestSpan) = (strips, bands, span);
            }
        }
        return (bestStrips, bestBands);
    }

    // Row panels are cut into bands only when there are too few strips to keep every thread
    // busy (each band packs its strip's B again).
    private static int BandsFor(int strips, int panels, int wanted) =>
        strips >= wanted ? 1 : Math.Min(panels, (wanted + strips - 1) / strips);

    /// <summary>
    /// Kernel calls on the busiest thread when items go, in the driver's order (band fastest),
    /// to whichever thread is free first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static long Makespan(int bPanels, int strips, int panels, int bands, int threads)
    {
        Span<long> busy = threads <= 64 ? stackalloc long[threads] : new long[threads];
        for (int item = 0; item < strips * bands; item++)
        {
            int band = item % bands, strip = item / bands;
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
