using Inertia.Tensors;

namespace Inertia.Data;

/// <summary>
/// Walks a data set in mini-batches, copying each batch's rows into buffers that are allocated
/// once, so a training step allocates nothing. Each epoch visits every sample exactly once, in an
/// order that is a pure function of (seed, epoch): the same seed gives every optimizer the same
/// batches, and a run resumed at epoch e sees the batches an uninterrupted run would.
/// </summary>
/// <example>
/// <code>
/// var batches = new BatchIterator(train, batchSize: 32, shuffle: true, seed: 42);
/// for (int epoch = 0; epoch &lt; 5; epoch++)
/// {
///     batches.StartEpoch(epoch);
///     while (batches.MoveNext())
///         Step(batches.Features, batches.Targets); // (Count, ...) views, valid until the next MoveNext
/// }
/// </code>
/// </example>
public sealed class BatchIterator
{
    private readonly Dataset _data;
    private readonly int[] _order;
    private readonly SeededRandom _random = new(0);
    private readonly ulong _seed;
    private readonly Tensor _fullFeatures, _fullTargets;
    private readonly Tensor? _lastFeatures, _lastTargets;
    private int _position;

    /// <summary>Creates the iterator and its buffers, positioned before the first batch of epoch 0.</summary>
    /// <param name="data">The samples.</param>
    /// <param name="batchSize">Samples per batch; at least 1 and at most the number of samples.</param>
    /// <param name="shuffle">Visit samples in a seeded random order that changes every epoch; otherwise in stored order.</param>
    /// <param name="seed">Seed of the order.</param>
    /// <param name="dropRemainder">Skip the last batch when it would be smaller than <paramref name="batchSize"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is below 1 or exceeds the number of samples.</exception>
    public BatchIterator(Dataset data, int batchSize, bool shuffle = true, ulong seed = 0, bool dropRemainder = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (batchSize < 1 || batchSize > data.Count)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"The batch size must be between 1 and the data set's {data.Count} samples.");
        _data = data;
        _seed = seed;
        Shuffled = shuffle;
        BatchSize = batchSize;
        int remainder = data.Count % batchSize;
        BatchesPerEpoch = data.Count / batchSize + (remainder > 0 && !dropRemainder ? 1 : 0);
        _order = new int[data.Count];
        _fullFeatures = new Tensor(data.Features.Shape.WithFirst(batchSize));
        _fullTargets = new Tensor(data.Targets.Shape.WithFirst(batchSize));
        if (remainder > 0 && !dropRemainder)
        {
            _lastFeatures = new Tensor(_fullFeatures.Data, 0, data.Features.Shape.WithFirst(remainder));
            _lastTargets = new Tensor(_fullTargets.Data, 0, data.Targets.Shape.WithFirst(remainder));
        }
        Features = _fullFeatures;
        Targets = _fullTargets;
        StartEpoch(0);
    }

    /// <summary>Samples per full batch.</summary>
    public int BatchSize { get; }

    /// <summary>Batches in one epoch (including a smaller last one unless it is dropped).</summary>
    public int BatchesPerEpoch { get; }

    /// <summary>Whether the order is shuffled each epoch.</summary>
    public bool Shuffled { get; }

    /// <summary>The epoch being walked.</summary>
    public int Epoch { get; private set; }

    /// <summary>Index of the current batch within the epoch; −1 before the first <see cref="MoveNext"/>.</summary>
    public int BatchIndex { get; private set; }

    /// <summary>Samples in the current batch (<see cref="BatchSize"/>, or fewer for the last one).</summary>
    public int Count { get; private set; }

    /// <summary>The current batch's features, shape (<see cref="Count"/>, ...). Overwritten by the next <see cref="MoveNext"/>.</summary>
    public Tensor Features { get; private set; }

    /// <summary>The current batch's targets, shape (<see cref="Count"/>,) or (<see cref="Count"/>, k).</summary>
    public Tensor Targets { get; private set; }

    /// <summary>The data set indices of the current batch's samples, in batch order.</summary>
    public ReadOnlySpan<int> Indices => _order.AsSpan(_position - Count, Count);

    /// <summary>
    /// Positions the iterator before the first batch of <paramref name="epoch"/> and fixes that
    /// epoch's order. Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epoch"/> is negative.</exception>
    public void StartEpoch(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        Epoch = epoch;
        for (int i = 0; i < _order.Length; i++) _order[i] = i;
        if (Shuffled)
        {
            _random.Reseed(SeededRandom.DeriveSeed(_seed, (ulong)epoch));
            _random.Shuffle<int>(_order);
        }
        _position = 0;
        BatchIndex = -1;
        Count = 0;
    }

    /// <summary>Fills the buffers with the next batch; false when the epoch is finished.</summary>
    public bool MoveNext()
    {
        if (BatchIndex + 1 >= BatchesPerEpoch) return false;
        BatchIndex++;
        int count = Math.Min(BatchSize, _order.Length - _position);
        bool last = count < BatchSize;
        Features = last ? _lastFeatures! : _fullFeatures;
        Targets = last ? _lastTargets! : _fullTargets;
        int fs = _data.FeatureSize, ts = _data.TargetSize;
        ReadOnlySpan<float> srcF = _data.Features.Span, srcT = _data.Targets.Span;
        Span<float> dstF = _fullFeatures.Data.AsSpan(0, count * fs), dstT = _fullTargets.Data.AsSpan(0, count * ts);
        for (int i = 0; i < count; i++)
        {
            int s = _order[_position + i];
            srcF.Slice(s * fs, fs).CopyTo(dstF.Slice(i * fs, fs));
            srcT.Slice(s * ts, ts).CopyTo(dstT.Slice(i * ts, ts));
        }
        _position += count;
        Count = count;
        return true;
    }
}
