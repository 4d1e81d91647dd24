using Inertia.Data;
using Inertia.Tensors;

namespace Inertia.Training;

/// <summary>
/// Cuts (x, y) into mini-batches copied into buffers allocated once. The order of an epoch is a
/// pure function of (seed, epoch), so a run resumed at epoch e sees exactly the batches an
/// uninterrupted run would have seen.
/// </summary>
internal sealed class EpochBatches
{
    private readonly Tensor _x, _y;
    private readonly int[] _order;
    private readonly bool _shuffle;
    private readonly ulong _seed;
    private readonly Tensor _fullX, _fullY;
    private readonly Tensor? _lastX, _lastY;
    private readonly int _xRow, _yRow;

    public EpochBatches(Tensor x, Tensor y, int batchSize, bool shuffle, ulong seed)
    {
        _x = x;
        _y = y;
        int n = x.Shape[0];
        _order = new int[n];
        _shuffle = shuffle;
        _seed = seed;
        BatchSize = batchSize;
        Count = (n + batchSize - 1) / batchSize;
        _xRow = n == 0 ? 0 : x.Size / n;
        _yRow = n == 0 ? 0 : y.Size / n;
        _fullX = new Tensor(x.Shape.WithFirst(batchSize));
        _fullY = new Tensor(y.Shape.WithFirst(batchSize));
        int remainder = n % batchSize;
        if (remainder != 0)
        {
            _lastX = new Tensor(_fullX.Data, 0, x.Shape.WithFirst(remainder));
            _lastY = new Tensor(_fullY.Data, 0, y.Shape.WithFirst(remainder));
        }
    }

    public int BatchSize { get; }

    /// <summary>Batches per epoch (the last one may be smaller).</summary>
    public int Count { get; }

    /// <summary>Fixes the sample order of <paramref name="epoch"/>.</summary>
    public void StartEpoch(int epoch)
    {
        for (int i = 0; i < _order.Length; i++) _order[i] = i;
        if (_shuffle) new SeededRandom(TrainingSeeds.Shuffle(_seed, epoch)).Shuffle<int>(_order);
    }

    /// <summary>Copies batch <paramref name="index"/> of the current epoch into the buffers and returns views of it.</summary>
    public (Tensor X, Tensor Y) Get(int index)
    {
        int start = index * BatchSize;
        int count = Math.Min(BatchSize, _order.Length - start);
        var bx = count == BatchSize ? _fullX : _lastX!;
        var by = count == BatchSize ? _fullY : _lastY!;
        ReadOnlySpan<float> sx = _x.Span, sy = _y.Span;
        Span<float> dx = bx.Span, dy = by.Span;
        for (int i = 0; i < count; i++)
        {
            int s = _order[start + i];
            sx.Slice(s * _xRow, _xRow).CopyTo(dx.Slice(i * _xRow, _xRow));
            sy.Slice(s * _yRow, _yRow).CopyTo(dy.Slice(i * _yRow, _yRow));
        }
        return (bx, by);
    }
}
