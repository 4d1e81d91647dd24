using System.Runtime.CompilerServices;

namespace Inertia.Tensors;

/// <summary>
/// Blocked SGEMM driver. op(A) is packed once per call (per row chunk) into panels of MR rows;
/// work items are rectangles of C (a band of row panels × a strip of columns), each packing
/// its own B strip one k-block at a time into a per-thread buffer and running the micro-kernel
/// over it, k-block by k-block.
/// </summary>
/// <remarks>
/// Determinism: the k-blocks depend only on k, and every element of C is produced by one
/// micro-kernel call per k-block, accumulating its k-block in order and folding into C in
/// k-block order. How C is cut into work items (which follows the thread count) changes which
/// thread computes an element, never its arithmetic; so 1 or N threads give the same bits, and
/// a row of C does not depend on how many other rows are computed with it.
/// One driver exists per calling thread (the pool's callers block while it runs), so concurrent
/// callers never share buffers, and a warm driver allocates nothing.
/// The driver, packing and write-back are compiled fully optimized from the first call: a
/// training loop calls them thousands of times within the tiering delay, and tier-0 vector code
/// is many times slower.
/// </remarks>
internal sealed unsafe class GemmDriver : IParallelWork
{
    /// <summary>
    /// Longest k-block. Every k-block costs each C tile one more read-add-write pass and every
    /// micro-kernel call its fixed start and write-back, and these outweigh the B panel
    /// outgrowing L1 (the hardware prefetcher streams a packed panel from L2 well enough; the
    /// measurements are in docs/benchmarks.md). The price is a 1 MiB strip buffer per thread
    /// (KBlockMax × StripMax floats).
    /// </summary>
    private const int KBlockMax = 1024;

    /// <summary>Rows per band of A kept hot in L2 while the B panels of a strip pass over it.</summary>
    private const int BandRows = 96;

    /// <summary>Widest column strip one work item packs.</summary>
    private const int StripMax = 256;

    /// <summary>
    /// Up to this many rows, a non-transposed B is read in place: each B panel then feeds so few
    /// micro-kernel calls that copying it would cost more than the strided reads.
    /// </summary>
    private const int DirectBMaxRows = 64;

    /// <summary>
    /// Below this much work, m·n·(k + <see cref="WriteBackSteps"/>), waking the pool costs more
    /// than it saves.
    /// </summary>
    private const long ParallelMinimum = 1L << 19;

    /// <summary>
    /// What each element of C costs besides its multiply-adds (its write-back, its share of the
    /// per-tile start and of packing), in k steps. Measured on one thread, 256 × 100 took 12.8 µs
    /// at k = 10 and 15.7 µs at k = 16: about 0.48 µs a k step, so the other 8 µs are worth 16.
    /// Counting m·n·k alone kept short-k products (a 10-unit layer's input gradient, k = 10) on
    /// one thread although they split as well as any (docs/benchmarks.md).
    /// </summary>
    private const int WriteBackSteps = 16;

    /// <summary>Cap on the packed copy of A; taller problems run in row chunks.</summary>
    private const long PackedAMaxFloats = 1L << 22;

    /// <summary>
    /// Up to this many rows, the AVX2 and portable kernels read a non-transposed A in place
    /// (<see cref="GemmDirectA"/>): a panel's rows are then MR sequential streams touching the
    /// same cache lines as the packed copy, so the packing pass (and its fork-join) is saved
    /// outright. Taller A stays packed (docs/benchmarks.md has the measurements).
    /// </summary>
    internal const int DirectAMaxRows = 256;

    /// <summary>
    /// A transposed A is read in place up to this k (a weight gradient over a short batch)...
    /// </summary>
    internal const int DirectATransposedMaxK = 64;

    /// <summary>
    /// ... or up to this n. In place, each k step of a panel reads MR floats of one row of A, a
    /// cache line of which the packed copy would use 2.7 times over; that costs more than the
    /// packing pass only when the panel is reused by many B panels (n = 300, k = 256).
    /// </summary>
    internal const int DirectATransposedMaxColumns = 128;

    [ThreadStatic]
    private static GemmDriver? t_driver;

    [ThreadStatic]
    private static AlignedBuffer? t_stripBuffer;

    private AlignedBuffer _packedA = new(0);
    private readonly GemmPlanCache _plans = new();

    private GemmKernelKind _kernel;
    private int _mr, _nr;
    private bool _transposeA, _transposeB;
    private int _rows, _n, _k;
    private float _alpha, _beta;
    private float* _a, _b, _c;
    private int _lda, _ldb, _ldc;
    private int _kBlock, _kBlocks;
    private int _panels, _bandPanels;
    private int _bPanels, _strips, _bands;
    private bool _packing, _directA, _directB;
    private bool _checkFinite, _nonFinite;

    public static GemmDriver ForCurrentThread() => t_driver ??= new GemmDriver();

    /// <summary>Computes C; with <paramref name="checkFinite"/>, also whether every element of C is finite afterwards (true otherwise).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Run(GemmKernelKind kernel, bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc, bool checkFinite = false)
    {
        _checkFinite = checkFinite;
        _nonFinite = false;
        _kernel = kernel;
        _mr = GemmKernels.TileRows(kernel);
        _nr = GemmKernels.TileColumns(kernel);
        _transposeA = transposeA;
        _transposeB = transposeB;
        _n = n;
        _k = k;
        _alpha = alpha;
        _beta = beta;
        _b = b;
        _lda = lda;
        _ldb = ldb;
        _ldc = ldc;
        _kBlocks = (k + KBlockMax - 1) / KBlockMax;
        _kBlock = (k + _kBlocks - 1) / _kBlocks;
        _bandPanels = BandRows / _mr;

        int threads = Parallelism.MaxThreads > 1 && (long)m * n * (k + WriteBackSteps) >= ParallelMinimum ? Parallelism.MaxThreads : 1;
        _directA = GemmDirectA.Supports(kernel) && (transposeA
            ? k <= DirectATransposedMaxK || n <= DirectATransposedMaxColumns
            : m <= DirectAMaxRows);
        int chunkRows = _directA ? m : (int)Math.Min(RoundUp(m, _mr), Math.Max(_mr, PackedAMaxFloats / k / _mr * _mr));
        if (!_directA) EnsurePackedA((long)chunkRows * k);

        for (int i0 = 0; i0 < m; i0 += chunkRows)
        {
            _rows = Math.Min(chunkRows, m - i0);
            _a = transposeA ? a + i0 : a + (nint)i0 * lda;
            _c = c + (nint)i0 * ldc;
            _panels = (_rows + _mr - 1) / _mr;
            _directB = !transposeB && _rows <= DirectBMaxRows;

            if (!_directA)
            {
                _packing = true;
                RunItems((_panels + _bandPanels - 1) / _bandPanels, threads);
            }

            _packing = false;
            PlanItems(threads);
            RunItems(_strips * _bands, threads);
        }
        return !_nonFinite;
    }

    public void Execute(int index)
    {
        if (_packing)
            PackBand(index);
        else
            Compute(index);
    }

    private void RunItems(int count, int threads)
    {
        if (threads > 1 && count > 1)
        {
            Parallelism.For(count, this);
            return;
        }
        for (int i = 0; i < count; i++) Execute(i);
    }

    /// <summary>
    /// Cuts C into strips of whole B panels (balanced to within one panel) and, with several
    /// threads, row bands as <see cref="GemmPartition"/> plans them.
    /// </summary>
    private void PlanItems(int threads)
    {
        _bPanels = (_n + _nr - 1) / _nr;
        int minimumStrips = (_bPanels + StripMax / _nr - 1) / (StripMax / _nr);
        if (threads == 1)
        {
            _strips = minimumStrips;
            _bands = 1;
            return;
        }
        (_strips, _bands) = _plans.Plan(_bPanels, _panels, minimumStrips, threads);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PackBand(int band)
    {
        int first = band * _bandPanels;
        int last = Math.Min(_panels, first + _bandPanels);
        float* packed = _packedA.Pointer;
        for (int panel = first; panel < last; panel++)
        {
            int i0 = panel * _mr;
            GemmPacking.PackA(packed + (nint)i0 * _k, _transposeA, _a, _lda, i0, Math.Min(_mr, _rows - i0), _k, _mr);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Compute(int item)
    {
        int band = item % _bands, strip = item / _bands;
        int firstB = strip * _bPanels / _strips, endB = (strip + 1) * _bPanels / _strips;
        int firstPanel = band * _panels / _bands, endPanel = (band + 1) * _panels / _bands;
        int j0 = firstB * _nr;
        int width = Math.Min(endB * _nr, _n) - j0;
        float* stripBuffer = StripBuffer();
        // A last panel of one or two rows goes to the two-row kernel, three B panels a call.
        bool twoRows = endPanel == _panels && _kernel == GemmKernelKind.Avx2Fma
            && _rows - (_panels - 1) * _mr <= GemmKernelAvx2TwoRows.Rows;
        int fullEnd = twoRows ? endPanel - 1 : endPanel;

        for (int block = 0; block < _kBlocks; block++)
        {
            int p0 = block * _kBlock;
            int kc = Math.Min(_kBlock, _k - p0);
            GemmWriteMode mode = block > 0 ? GemmWriteMode.Accumulate
                : _beta == 0f ? GemmWriteMode.Overwrite : GemmWriteMode.Blend;
            if (_directB)
            {
                // Only a ragged last panel needs a zero-padded copy.
                int edge = width % _nr;
                if (edge != 0)
                    GemmPacking.PackB(stripBuffer, false, _b, _ldb, p0, kc, j0 + width - edge, edge, _nr);
            }
            else
            {
                GemmPacking.PackB(stripBuffer, _transposeB, _b, _ldb, p0, kc, j0, width, _nr);
            }

            for (int bandStart = firstPanel; bandStart < fullEnd; bandStart += _bandPanels)
            {
                int bandEnd = Math.Min(fullEnd, bandStart + _bandPanels);
                for (int q = 0; q * _nr < width; q++)
                {
                    int jq = j0 + q * _nr;
                    int cols = Math.Min(_nr, _n - jq);
                    float* bp = BPanel(q, jq, p0, kc, stripBuffer, out nint ldb);
                    for (int panel = bandStart; panel < bandEnd; panel++)
                    {
                        int i = panel * _mr;
                        float* cp = _c + (nint)i * _ldc + jq;
                        int rows = Math.Min(_mr, _rows - i);
                        float* ap = APanel(i, p0, out nint aRow, out nint aStep);
                        switch (_kernel)
                        {
                            case GemmKernelKind.Avx512 when cols <= GemmKernelAvx512Narrow.Columns:
                                GemmKernelAvx512Narrow.Run(kc, ap, bp, ldb, cp, _ldc, rows, cols, _alpha, _beta, mode);
                                break;
                            case GemmKernelKind.Avx512:
                                GemmKernelAvx512.Run(kc, ap, bp, ldb, cp, _ldc, rows, cols, _alpha, _beta, mode);
                                break;
                            case GemmKernelKind.Avx2Fma:
                                GemmKernelAvx2.Run(kc, ap, aRow, aStep, bp, ldb, cp, _ldc, rows, cols, _alpha, _beta, mode);
                                break;
                            default:
                                GemmKernelPortable.Run(kc, ap, aRow, aStep, bp, ldb, cp, _ldc, rows, cols, _alpha, _beta, mode);
                                break;
                        }
                    }
                    // The band's column of tiles (≤ 96 × 16 floats) just written back, checked in one
                    // call (measured cheaper than a call per tile). Each is checked once, after its final
                    // k-block, by the item that owns it; only ever setting the flag keeps the answer
                    // independent of the order items run in.
                    if (_checkFinite && block == _kBlocks - 1)
                    {
                        int first = bandStart * _mr;
                        if (!GemmTileCheck.IsFinite(_c + (nint)first * _ldc + jq, _ldc, Math.Min(bandEnd * _mr, _rows) - first, cols))
                            _nonFinite = true;
                    }
                }
            }

            if (twoRows)
            {
                int last = (_panels - 1) * _mr;
                ComputeTwoRows(last, j0, width, p0, kc, stripBuffer, mode);
                if (_checkFinite && block == _kBlocks - 1 && !GemmTileCheck.IsFinite(_c + (nint)last * _ldc + j0, _ldc, _rows - last, width))
                    _nonFinite = true;
            }
        }
    }

    /// <summary>The last (one- or two-row) panel over the strip's columns, for one k-block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ComputeTwoRows(int i, int j0, int width, int p0, int kc, float* stripBuffer, GemmWriteMode mode)
    {
        float* ap = APanel(i, p0, out nint aRow, out nint aStep);
        for (int q = 0; q * _nr < width; q += GemmKernelAvx2TwoRows.Panels)
        {
            int jq = j0 + q * _nr;
            int cols = Math.Min(GemmKernelAvx2TwoRows.Columns, j0 + width - jq);
            float* b0 = BPanel(q, jq, p0, kc, stripBuffer, out nint ldb0);
            // Panels past the strip repeat the first (their sums are never written back).
            float* b1 = b0, b2 = b0;
            nint ldb1 = ldb0, ldb2 = ldb0;
            if (cols > _nr) b1 = BPanel(q + 1, jq + _nr, p0, kc, stripBuffer, out ldb1);
            if (cols > 2 * _nr) b2 = BPanel(q + 2, jq + 2 * _nr, p0, kc, stripBuffer, out ldb2);
            GemmKernelAvx2TwoRows.Run(kc, ap, aRow, aStep, b0, ldb0, b1, ldb1, b2, ldb2,
                _c + (nint)i * _ldc + jq, _ldc, _rows - i, cols, _alpha, _beta, mode);
        }
    }

    /// <summary>
    /// B panel <paramref name="q"/> of the strip (starting at column <paramref name="jq"/>) for
    /// the k-block at <paramref name="p0"/>: in place, or in the strip buffer.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float* BPanel(int q, int jq, int p0, int kc, float* stripBuffer, out nint ldb)
    {
        bool inPlace = _directB && _n - jq >= _nr;
        ldb = inPlace ? _ldb : _nr;
        return inPlace ? _b + (nint)p0 * _ldb + jq
            : _directB ? stripBuffer
            : stripBuffer + (nint)q * kc * _nr;
    }

    /// <summary>
    /// The A panel starting at row <paramref name="i"/>, k-block at <paramref name="p0"/>:
    /// element (i, p) at <c>ap[i·aRow + p·aStep]</c> (see <see cref="GemmDirectA"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float* APanel(int i, int p0, out nint aRow, out nint aStep)
    {
        aRow = _directA && !_transposeA ? _lda : 1;
        aStep = !_directA ? _mr : _transposeA ? _lda : 1;
        return !_directA ? _packedA.Pointer + (nint)i * _k + (nint)p0 * _mr
            : _transposeA ? _a + (nint)p0 * _lda + i
            : _a + (nint)i * _lda + p0;
    }

    private static float* StripBuffer() => (t_stripBuffer ??= new AlignedBuffer(KBlockMax * StripMax)).Pointer;

    private void EnsurePackedA(long floats)
    {
        if (_packedA.Length < floats)
            _packedA = new AlignedBuffer((int)floats);
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
