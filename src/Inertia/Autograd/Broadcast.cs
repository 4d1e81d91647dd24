using Inertia.Tensors;

namespace Inertia.Autograd;

/// <summary>
/// NumPy broadcasting of two shapes, walked as runs: the output is visited in row-major order
/// as <see cref="Outer"/> contiguous runs of <see cref="Inner"/> elements, and for each run the
/// matching offsets of both operands are known, with operand strides inside a run of 1
/// (contiguous) or 0 (one broadcast element). Kernels therefore vectorize the runs and sum
/// reductions in a fixed order. An op keeps one instance and reuses it while shapes repeat.
/// </summary>
internal sealed class Broadcast
{
    private const int MaxRank = 16;
    private readonly int[] _dims = new int[MaxRank];
    private readonly int[] _strideA = new int[MaxRank];
    private readonly int[] _strideB = new int[MaxRank];
    private readonly int[] _counter = new int[MaxRank];
    private Shape? _a, _b;
    private int _outerRank;

    /// <summary>The broadcast shape of the two operands.</summary>
    public Shape Output { get; private set; } = null!;

    /// <summary>Elements per run.</summary>
    public int Inner { get; private set; }

    /// <summary>Number of runs.</summary>
    public int Outer { get; private set; }

    /// <summary>Stride of operand A inside a run: 1 (contiguous) or 0 (broadcast).</summary>
    public int InnerStrideA { get; private set; }

    /// <summary>Stride of operand B inside a run: 1 (contiguous) or 0 (broadcast).</summary>
    public int InnerStrideB { get; private set; }

    /// <summary>Offset in A of the current run.</summary>
    public int OffsetA { get; private set; }

    /// <summary>Offset in B of the current run.</summary>
    public int OffsetB { get; private set; }

    /// <summary>Plans the broadcast of <paramref name="a"/> with <paramref name="b"/> (cached while they repeat).</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast; the message names both.</exception>
    public void Plan(Shape a, Shape b, string op)
    {
        if (ReferenceEquals(a, _a) && ReferenceEquals(b, _b)) return;
        if (a.Equals(_a) && b.Equals(_b))
        {
            _a = a;
            _b = b;
            return;
        }
        int rank = Math.Max(a.Rank, b.Rank);
        if (rank > MaxRank)
            throw new ArgumentException($"{op}: shapes {a} and {b} have more than {MaxRank} dimensions.");
        var outDims = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = Dim(a, i - rank + a.Rank), db = Dim(b, i - rank + b.Rank);
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException($"{op}: shapes {a} and {b} do not broadcast (dimension {i} of the result: {da} vs {db}).");
            outDims[i] = da == 1 ? db : da;
        }
        Output = new Shape(outDims);

        // Full strides, then drop unit dimensions and merge neighbours that stay contiguous for both operands.
        int n = 0;
        int sa = 1, sb = 1;
        Span<int> dims = stackalloc int[rank];
        Span<int> stA = stackalloc int[rank];
        Span<int> stB = stackalloc int[rank];
        for (int i = rank - 1; i >= 0; i--)
        {
            int da = Dim(a, i - rank + a.Rank), db = Dim(b, i - rank + b.Rank);
            int d = outDims[i];
            if (d != 1)
            {
                int ssa = da == 1 ? 0 : sa, ssb = db == 1 ? 0 : sb;
                if (n > 0 && Mergeable(stA[n - 1], dims[n - 1], ssa) && Mergeable(stB[n - 1], dims[n - 1], ssb))
                    dims[n - 1] *= d;
                else
                {
                    dims[n] = d;
                    stA[n] = ssa;
                    stB[n] = ssb;
                    n++;
                }
            }
            sa *= da;
            sb *= db;
        }
        // dims are innermost-first here.
        if (n == 0)
        {
            Inner = Output.Size;
            InnerStrideA = 0;
            InnerStrideB = 0;
            _outerRank = 0;
        }
        else
        {
            Inner = dims[0];
            InnerStrideA = stA[0];
            InnerStrideB = stB[0];
            _outerRank = n - 1;
            for (int k = 1; k < n; k++)
            {
                _dims[k - 1] = dims[k];
                _strideA[k - 1] = stA[k];
                _strideB[k - 1] = stB[k];
            }
        }
        Outer = Inner == 0 ? 0 : Output.Size / Inner;
        _a = a;
        _b = b;
    }

    /// <summary>Positions the walk on the first run.</summary>
    public void Begin()
    {
        OffsetA = 0;
        OffsetB = 0;
        Array.Clear(_counter, 0, _outerRank);
    }

    /// <summary>Advances to the next run (call <see cref="Outer"/> − 1 times after <see cref="Begin"/>).</summary>
    public void Next()
    {
        for (int k = 0; k < _outerRank; k++)
        {
            OffsetA += _strideA[k];
            OffsetB += _strideB[k];
            if (++_counter[k] < _dims[k]) return;
            OffsetA -= _strideA[k] * _dims[k];
            OffsetB -= _strideB[k] * _dims[k];
            _counter[k] = 0;
        }
    }

    private static int Dim(Shape s, int axis) => axis < 0 ? 1 : s[axis];

    // An outer dimension merges into the inner block when its stride continues the block's layout.
    private static bool Mergeable(int innerStride, int innerDim, int outerStride) =>
        innerStride == 0 ? outerStride == 0 : outerStride == innerStride * innerDim;
}
