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
/// </remarks>
internal sealed unsafe class GemmDriver : IParallelWork
{
    /// <summary>Longest k-block: a 256 × 32 B panel is 32 KiB and stays in L1 while A streams from L2.</summary>
    private const int KBlockMax = 256;

    /// <summary>Rows per band of A kept hot in L2 while the B panels of a strip pass over it.</summary>
    private const int BandRows = 96;

    /// <summary>Widest column strip one work item packs.</summary>
    private const int StripMax = 256;

    /// <summary>Below this many multiply-adds (m·n·k) waking the pool costs more than it saves.</summary>
    private const long ParallelMinimum = 1L << 20;

    /// <summary>Cap on the packed copy of A; taller problems run in row chunks.</summary>
    private const long PackedAMaxFloats = 1L << 22;

    [ThreadStatic]
    private static GemmDriver? t_driver;

    [ThreadStatic]
    private static AlignedBuffer? t_stripBuffer;

    private AlignedBuffer _packedA = new(0);

    private GemmKernelKind _kernel;
    private int _mr, _nr;
    private bool _transposeA, _transposeB;
    private int _rows, _n, _k;
    private float _alpha, _beta;
    private float* _a, _b, _c;
    private int _lda, _ldb, _ldc;
    private int _kBlock, _kBlocks;
    private int _panels, _bandPanels;
    private int _stripWidth, _strips, _panelsPerItem;
    private bool _packing;

    public static GemmDriver ForCurrentThread() => t_driver ??= new GemmDriver();

    public void Run(GemmKernelKind kernel, bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc)
    {
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

        int threads = Parallelism.MaxThreads > 1 && (long)m * n * k >= ParallelMinimum ? Parallelism.MaxThreads : 1;
        int chunkRows = (int)Math.Min(RoundUp(m, _mr), Math.Max(_mr, PackedAMaxFloats / k / _mr * _mr));
        EnsurePackedA((long)chunkRows * k);

        for (int i0 = 0; i0 < m; i0 += chunkRows)
        {
            _rows = Math.Min(chunkRows, m - i0);
            _a = transposeA ? a + i0 : a + (nint)i0 * lda;
            _c = c + (nint)i0 * ldc;
            _panels = (_rows + _mr - 1) / _mr;

            _packing = true;
            RunItems((_panels + _bandPanels - 1) / _bandPanels, threads);

            _packing = false;
            PlanItems(threads);
            RunItems(_strips * ((_panels + _panelsPerItem - 1) / _panelsPerItem), threads);
        }
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
    /// Cuts C into strips of whole B panels, and the strips into bands of row panels only when
    /// there are too few strips to keep every thread busy (a band re-packs its strip's B).
    /// </summary>
    private void PlanItems(int threads)
    {
        if (threads == 1)
        {
            _stripWidth = Math.Min(StripMax, RoundUp(_n, _nr));
            _strips = (_n + _stripWidth - 1) / _stripWidth;
            _panelsPerItem = _panels;
            return;
        }
        int wanted = 2 * threads;
        _stripWidth = Math.Clamp(RoundUp((_n + wanted - 1) / wanted, _nr), _nr, StripMax);
        _strips = (_n + _stripWidth - 1) / _stripWidth;
        int bands = Math.Min(_panels, (wanted + _strips - 1) / _strips);
        _panelsPerItem = (_panels + bands - 1) / bands;
    }

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

    private void Compute(int item)
    {
        int strip = item % _strips;
        int firstPanel = item / _strips * _panelsPerItem;
        int endPanel = Math.Min(_panels, firstPanel + _panelsPerItem);
        int j0 = strip * _stripWidth;
        int width = Math.Min(_stripWidth, _n - j0);
        int bPanels = (width + _nr - 1) / _nr;
        float* packedB = StripBuffer();
        float* packedA = _packedA.Pointer;

        for (int block = 0; block < _kBlocks; block++)
        {
            int p0 = block * _kBlock;
            int kc = Math.Min(_kBlock, _k - p0);
            bool first = block == 0;
            GemmPacking.PackB(packedB, _transposeB, _b, _ldb, p0, kc, j0, width, _nr);

            for (int band = firstPanel; band < endPanel; band += _bandPanels)
            {
                int bandEnd = Math.Min(endPanel, band + _bandPanels);
                for (int q = 0; q < bPanels; q++)
                {
                    float* bp = packedB + (nint)q * kc * _nr;
                    int jq = j0 + q * _nr;
                    int cols = Math.Min(_nr, _n - jq);
                    for (int panel = band; panel < bandEnd; panel++)
                    {
                        int i = panel * _mr;
                        float* ap = packedA + (nint)i * _k + (nint)p0 * _mr;
                        float* cp = _c + (nint)i * _ldc + jq;
                        int rows = Math.Min(_mr, _rows - i);
                        switch (_kernel)
                        {
                            case GemmKernelKind.Avx512:
                                GemmKernelAvx512.Run(kc, ap, bp, cp, _ldc, rows, cols, _alpha, _beta, first);
                                break;
                            case GemmKernelKind.Avx2Fma:
                                GemmKernelAvx2.Run(kc, ap, bp, cp, _ldc, rows, cols, _alpha, _beta, first);
                                break;
                            default:
                                GemmKernelPortable.Run(kc, ap, bp, cp, _ldc, rows, cols, _alpha, _beta, first);
                                break;
                        }
                    }
                }
            }
        }
    }

    private static float* StripBuffer() => (t_stripBuffer ??= new AlignedBuffer(KBlockMax * StripMax)).Pointer;

    private void EnsurePackedA(long floats)
    {
        if (_packedA.Length < floats)
            _packedA = new AlignedBuffer((int)floats);
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
