using Inertia.Autograd;
using Inertia.Tensors;

namespace Inertia.Training;

public sealed partial class Sequential
{
    private Tape? _evaluationTape;

    /// <summary>
    /// The model's outputs for <paramref name="x"/> (Keras <c>predict</c>), in inference mode
    /// (no dropout, BatchNormalization on its moving statistics). Safe to call from several
    /// threads at once while the model is not training: each call records on its own tape.
    /// </summary>
    /// <param name="x">Inputs, shape (n, …input shape).</param>
    /// <param name="batchSize">Samples per forward pass; at least 1.</param>
    /// <returns>A new tensor of shape (n, …output shape).</returns>
    /// <exception cref="ArgumentException"><paramref name="x"/> does not have the model's input shape, or holds NaN or
    /// infinity (the message names the sample): a NaN output would otherwise pass for a prediction.</exception>
    public Tensor Predict(Tensor x, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (!IsBuilt) throw NotBuilt();
        if (x.Shape.Rank == 0) throw new ArgumentException($"Model '{Name}' needs a batch; got a scalar.", nameof(x));
        CheckInput(x, nameof(x));
        SynchronizeBackend();
        int n = x.Shape[0];
        var dims = new int[OutputShape.Rank + 1];
        dims[0] = n;
        OutputShape.Dimensions.CopyTo(dims.AsSpan(1));
        var result = new Tensor(new Shape(dims));
        var tape = new Tape(recordGradients: false);
        int row = OutputShape.Size;
        for (int start = 0; start < n; start += batchSize)
        {
            int count = Math.Min(batchSize, n - start);
            tape.Reset();
            var output = Forward(tape, x.SliceRows(start, count), training: false);
            output.Value.Span.CopyTo(result.Span.Slice(start * row, count * row));
        }
        return result;
    }

    /// <summary>
    /// Loss and metrics over (x, y) in inference mode (Keras <c>evaluate</c>): the loss is the
    /// mean over samples. Not thread-safe (it uses the compiled metric objects).
    /// </summary>
    /// <returns><c>loss</c> and one entry per metric.</returns>
    /// <exception cref="ArgumentException">Shapes do not fit, the data holds NaN or infinity, or a class label is out of
    /// range; the message names the sample.</exception>
    public IReadOnlyDictionary<string, double> Evaluate(Tensor x, Tensor y, int batchSize = 32)
    {
        if (_loss is null) throw NotCompiled();
        CheckData(x, y, nameof(x), nameof(y));
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var (loss, metrics) = EvaluateCore(x, y, batchSize);
        var result = new Dictionary<string, double>(StringComparer.Ordinal) { ["loss"] = loss };
        for (int i = 0; i < _metrics.Length; i++) result[_metrics[i].Name] = metrics[i];
        return result;
    }

    private (double Loss, double[] Metrics) EvaluateCore(Tensor x, Tensor y, int batchSize)
    {
        SynchronizeBackend();
        var tape = _evaluationTape ??= new Tape(recordGradients: false);
        foreach (var m in _metrics) m.Reset();
        int n = x.Shape[0];
        double lossSum = 0;
        for (int start = 0; start < n; start += batchSize)
        {
            int count = Math.Min(batchSize, n - start);
            tape.Reset();
            var by = y.SliceRows(start, count);
            var prediction = Forward(tape, x.SliceRows(start, count), training: false);
            lossSum += (double)_loss!.Call(tape, prediction, by).Value[0] * count;
            foreach (var m in _metrics) m.Update(prediction.Value, by);
        }
        return (lossSum / n, _metrics.Select(m => m.Result()).ToArray());
    }
}
