using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using System.Text.RegularExpressions;
using Inertia.Layers;
using Inertia.Optimizers;
using Inertia.Tensors;
using Inertia.Training;

namespace Inertia.Distributed;

/// <summary>
/// Data-parallel training over the ranks of a <see cref="World"/> (the strategy of Keras's
/// <c>MultiWorkerMirroredStrategy</c> and PyTorch's <c>DistributedDataParallel</c>). Attached to a
/// compiled model, it becomes the model's training backend: <see cref="Sequential.Fit"/> draws the
/// same global batches in the same order on every rank (the order is a function of the seed), each
/// rank runs forward and backward on its fixed share of the batch (<see cref="BatchSplit"/>), the
/// gradients are combined by one all-reduce over the model's contiguous gradient arena, and every
/// rank applies the same optimizer step to its full copy of the weights.
/// </summary>
/// <remarks>
/// Each rank's mean gradient is weighted by its share of the rows before the sum, so the result is
/// the mean over the global batch however unevenly it splits — the single-process gradient up to
/// float32 summation order. The optimizer then sees identical gradients on every rank, so its
/// decisions (non-finite skip, global clipnorm, EMA, accumulation, schedules) are those of one
/// process. Losses and metrics cover the global batch: the per-rank losses are combined in rank
/// order, the predictions are gathered so the metrics update on all rows.
/// Layers whose training output depends on a row's position or on the other rows of the batch
/// (dropout masks, batch normalisation statistics) are refused: split over ranks they would not
/// compute what one process computes.
/// </remarks>
public sealed class DataParallel : ITrainingBackend, IDisposable
{
    private readonly Sequential _model;
    private readonly World _world;
    private readonly ShardLayout? _shards;
    private readonly float[] _exchanged;
    private readonly CancellationToken _stopRequested;
    private readonly CancellationTokenSource _stop = new();
    private readonly int[] _counts;
    private readonly int[] _offsets;
    private int _countsRows = -1;

    private DataParallel(Sequential model, World world, ShardLayout? shards, CancellationToken stopRequested)
    {
        _stopRequested = stopRequested;
        _model = model;
        _world = world;
        _shards = shards;
        _exchanged = new float[2 * world.Size];
        _counts = new int[world.Size];
        _offsets = new int[world.Size];
    }

    /// <summary>
    /// Makes <paramref name="model"/> train data-parallel over <paramref name="world"/>: copies rank
    /// 0's weights to every rank and attaches itself as the model's backend. Call it on every rank,
    /// with the same model architecture and optimizer. Dispose to detach.
    /// </summary>
    /// <param name="model">A compiled model.</param>
    /// <param name="world">The ranks to train over.</param>
    /// <param name="shardOptimizerState">
    /// ZeRO stage 1 (PyTorch's <c>ZeroRedundancyOptimizer</c>, DeepSpeed ZeRO-1): each rank keeps
    /// the optimizer state of about 1/N of the arena only (<see cref="ShardLayout"/>): the gradients
    /// are reduce-scattered, each rank runs the fused update on its range (at most L/N + 16 elements of
    /// each state array), and the weights are
    /// all-gathered. The model's optimizer is replaced by this rank's shard of it (same
    /// configuration, groups and weight-decay exclusions; its whole-arena slots are released), and
    /// skip, clip norms and overflow reports stay global through an all-reduce of the per-parameter
    /// partials. A model loaded from a checkpoint hands each rank its range of the saved state.
    /// </param>
    /// <param name="stopRequested">This rank's request to stop (Ctrl-C). Pass <see cref="Cancellation"/>,
    /// not this token, to <see cref="Sequential.Fit"/>: the ranks exchange their requests with every
    /// step's losses, so all of them stop before the same batch however the signal reached them.</param>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    /// <exception cref="NotSupportedException">The model has a dropout or batch-normalisation layer.</exception>
    public static DataParallel Attach(Sequential model, World world, bool shardOptimizerState = false, CancellationToken stopRequested = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(world);
        Check(model);
        world.Broadcast(model.Arena.Values.Span);
        var shards = shardOptimizerState ? Shard(model, world) : null;
        var strategy = new DataParallel(model, world, shards, stopRequested);
        model.UseBackend(strategy);
        return strategy;
    }

    // The whole optimizer's state (fresh, or loaded from a checkpoint written by any number of
    // ranks) is cut to this rank's range; then the whole optimizer is dropped.
    private static ShardLayout Shard(Sequential model, World world)
    {
        var whole = model.Optimizer;
        var arena = model.Arena;
        var layout = new ShardLayout(arena, world.Size);
        var shard = Like(whole, arena);
        int start = layout.Starts[world.Rank];
        shard.Build(arena, new OptimizerShard(start, layout.Starts[world.Rank + 1], new WorldCombiner(world)));
        foreach (string slot in whole.StateSlots)
            whole.RangeStateArray(slot).Slice(start, layout.Counts[world.Rank]).CopyTo(shard.RangeStateArray(slot));
        shard.TakeProgressFrom(whole);
        model.ReplaceOptimizer(shard);
        return layout;
    }

    // Same configuration, groups and weight-decay decisions, not built.
    private static Optimizer Like(Optimizer optimizer, ParameterArena arena)
    {
        var copy = OptimizerFactory.FromConfig(optimizer.GetConfig());
        foreach (var group in optimizer.Groups) copy.AddGroup(group);
        // The exclusions' patterns are the optimizer's own; naming the excluded parameters exactly
        // reproduces its decisions for this arena.
        var excluded = arena.Parameters.Where(p => !optimizer.DecaysWeight(p)).Select(p => "^" + Regex.Escape(p.Name) + "$").ToArray();
        if (excluded.Length > 0) copy.ExcludeFromWeightDecay(excluded);
        return copy;
    }

    /// <summary>
    /// Saves the model with its optimizer state to <paramref name="path"/> (atomically, as
    /// <see cref="Sequential.Save(string, bool)"/>), from rank 0. Call it on every rank. Under ZeRO-1
    /// the ranks first gather their shards into one whole-arena optimizer, so the checkpoint is the
    /// one a single process writes: it loads into one process or into any number of ranks, with or
    /// without sharding, matched to the parameters by name.
    /// </summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (_shards is null)
        {
            if (_world.IsRoot) _model.Save(path);
            _world.Barrier();
            return;
        }
        var shard = _model.Optimizer;
        var arena = _model.Arena;
        var whole = Like(shard, arena);
        whole.Build(arena);
        int start = _shards.Starts[_world.Rank];
        foreach (string slot in shard.StateSlots)
        {
            var full = whole.RangeStateArray(slot);
            shard.RangeStateArray(slot).CopyTo(full[start..]);
            _world.AllgatherInPlace(full, _shards.Counts, _shards.Offsets);
        }
        whole.TakeProgressFrom(shard);
        if (_world.IsRoot)
        {
            _model.ReplaceOptimizer(whole);
            try
            {
                _model.Save(path);
            }
            finally
            {
                _model.ReplaceOptimizer(shard);
            }
        }
        _world.Barrier();
    }

    /// <summary>
    /// Cancelled on every rank after the step in which any rank's <c>stopRequested</c> was set:
    /// the token to give <see cref="Sequential.Fit"/> so that all ranks stop at the same batch.
    /// </summary>
    public CancellationToken Cancellation => _stop.Token;

    /// <summary>Whether each rank keeps the optimizer state of its shard of the arena only (ZeRO-1).</summary>
    public bool ShardsOptimizerState => _shards is not null;

    /// <summary>Throws if <paramref name="model"/> cannot train data-parallel (see <see cref="Attach"/>).</summary>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    /// <exception cref="NotSupportedException">The model has a dropout or batch-normalisation layer.</exception>
    public static void Check(Sequential model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _ = model.Optimizer;
        foreach (var layer in model.Layers)
        {
            if (layer is DropoutBase or BatchNormalization)
                throw new NotSupportedException(
                    $"layer '{layer.Name}' ({layer.GetType().Name}) cannot train data-parallel: its training output depends on the batch it sees, and each rank sees only its share.");
        }
    }

    /// <summary>The world the model trains over.</summary>
    public World World => _world;

    /// <inheritdoc />
    public (float Loss, StepResult Result) TrainOnBatch(Tensor x, Tensor y, Tensor? predictions)
    {
        int rows = x.Shape[0];
        int start = BatchSplit.Start(rows, _world.Rank, _world.Size);
        int count = BatchSplit.Count(rows, _world.Rank, _world.Size);
        var gradients = _model.Arena.Gradients.Span;
        float weightedLoss = 0f;
        if (count == 0)
            gradients.Clear();
        else
        {
            float loss = _model.ComputeGradients(x.SliceRows(start, count), y.SliceRows(start, count), out var local);
            float weight = (float)count / rows;
            TensorPrimitives.Multiply(gradients, weight, gradients);
            weightedLoss = loss * weight;
            if (predictions is not null) local.Span.CopyTo(predictions.Span[(local.Size / count * start)..]);
        }
        StepResult result;
        if (_shards is { } shards)
        {
            _world.ReduceScatterSum(gradients, shards.Counts);
            result = _model.Optimizer.Apply();
            _world.AllgatherInPlace(_model.Arena.Values.Span, shards.Counts, shards.Offsets);
        }
        else
        {
            _world.AllreduceSum(gradients);
            result = _model.Optimizer.Apply();
        }
        if (predictions is not null) GatherPredictions(predictions, rows);
        Span<float> mine = [weightedLoss, _stopRequested.IsCancellationRequested ? 1f : 0f];
        _world.Allgather(mine, _exchanged);
        // Summed in rank order on every rank: the same bits everywhere and from run to run.
        float total = 0f;
        bool stop = false;
        for (int r = 0; r < _world.Size; r++)
        {
            total += _exchanged[2 * r];
            stop |= _exchanged[2 * r + 1] != 0f;
        }
        if (stop && !_stop.IsCancellationRequested) _stop.Cancel();
        return (total, result);
    }

    private void GatherPredictions(Tensor predictions, int rows)
    {
        if (_countsRows != rows)
        {
            int perRow = predictions.Size / rows;
            for (int r = 0; r < _world.Size; r++)
            {
                _counts[r] = BatchSplit.Count(rows, r, _world.Size) * perRow;
                _offsets[r] = BatchSplit.Start(rows, r, _world.Size) * perRow;
            }
            _countsRows = rows;
        }
        _world.AllgatherInPlace(predictions.Span, _counts, _offsets);
    }

    /// <inheritdoc />
    public UpdateOverflow? LastOverflow => _model.Optimizer.LastOverflow;

    /// <inheritdoc />
    public long Iterations => _model.Optimizer.Iterations;

    /// <inheritdoc />
    public double LearningRate => _model.Optimizer.LearningRate;

    /// <summary>Nothing to copy: every rank trains its model's own arena in place.</summary>
    public void CopyToModel() { }

    /// <summary>Detaches from the model, which trains alone again.</summary>
    public void Dispose()
    {
        if (ReferenceEquals(_model.Backend, this)) _model.UseBackend(null);
        _stop.Dispose();
    }
}
