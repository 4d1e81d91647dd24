using Inertia.Optimizers;
using Inertia.Tensors;

namespace Inertia.Training;

public sealed partial class Sequential
{
    private ITrainingBackend? _backend;
    private bool _backendAhead;
    private Tensor? _backendPredictions;
    private Tensor? _backendPredictionView;

    /// <summary>The backend that runs this model's training steps, or null for the CPU engine.</summary>
    public ITrainingBackend? Backend => _backend;

    /// <summary>
    /// Hands the training steps of <see cref="TrainOnBatch"/> and <see cref="Fit"/> to
    /// <paramref name="backend"/> (null: back to the CPU engine, after copying the backend's weights
    /// into the model). The model's weights are read back lazily, before anything reads them
    /// (<see cref="Predict"/>, <see cref="Evaluate"/>, Fit's validation, <see cref="GetWeights"/>, Save).
    /// Compile, Build and Add detach the backend; its owner disposes it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    public void UseBackend(ITrainingBackend? backend)
    {
        if (backend is not null && _optimizer is null) throw NotCompiled();
        SynchronizeBackend();
        _backend = backend;
    }

    /// <summary>Copies the backend's weights and layer state into the model if it has trained since the last copy.</summary>
    public void SynchronizeBackend()
    {
        if (!_backendAhead) return;
        _backendAhead = false;
        _backend!.CopyToModel();
    }

    private long Iterations => _backend?.Iterations ?? _optimizer!.Iterations;

    private double CurrentLearningRate => _backend?.LearningRate ?? _optimizer!.LearningRate;

    private (float Loss, StepResult Result) BackendStep(Tensor x, Tensor y)
    {
        var predictions = _metrics.Length == 0 ? null : PredictionBuffer(x.Shape[0]);
        _backendAhead = true;
        var result = _backend!.TrainOnBatch(x, y, predictions);
        foreach (var m in _metrics) m.Update(predictions!, y);
        return result;
    }

    // A new view only when the batch size changes (the last batch of an epoch may be smaller).
    private Tensor PredictionBuffer(int rows)
    {
        if (_backendPredictionView is { } view && view.Shape[0] == rows) return view;
        if (_backendPredictions is null || _backendPredictions.Shape[0] < rows)
        {
            var dims = new int[OutputShape.Rank + 1];
            dims[0] = rows;
            OutputShape.Dimensions.CopyTo(dims.AsSpan(1));
            _backendPredictions = new Tensor(new Shape(dims));
        }
        return _backendPredictionView = _backendPredictions.SliceRows(0, rows);
    }

    private void DetachBackend()
    {
        _backend = null;
        _backendAhead = false;
        _backendPredictions = null;
        _backendPredictionView = null;
    }

    private void EnsureNoBackend(string action)
    {
        if (_backend is not null)
            throw new InvalidOperationException(
                $"Model '{Name}' trains on a backend ({_backend.GetType().Name}); {action} would leave the backend's copy stale. Call UseBackend(null) first.");
    }
}
