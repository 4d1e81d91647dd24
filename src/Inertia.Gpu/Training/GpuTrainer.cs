using ILGPU;
using ILGPU.Runtime;
using Inertia.Layers;
using Inertia.Losses;
using Inertia.Optimizers;
using Inertia.Tensors;
using Inertia.Training;

namespace Inertia.Gpu.Training;

/// <summary>
/// Trains a built and compiled CPU <see cref="Sequential"/> on the device: its parameters, gradients,
/// optimizer slots and batch-norm statistics live in device memory, each batch runs the forward and
/// backward kernels, and the model's own optimizer, moved with <see cref="GpuOptimizer"/>, applies the
/// step. <see cref="CopyToModel"/> brings the trained weights, batch-norm statistics and optimizer
/// state back, so the CPU model can predict, save (optimizer included) or continue. As the model's <see cref="ITrainingBackend"/> (<see cref="SequentialDeviceExtensions.UseDevice(Sequential, Device)"/>)
/// it runs the steps of the model's own <see cref="Sequential.Fit"/>. Supported: Dense (linear, relu, sigmoid, tanh; softmax on the last layer),
/// Activation layers of those, BatchNormalization, Flatten; losses (sparse) categorical
/// cross-entropy, from logits or from a final softmax.
/// </summary>
public sealed class GpuTrainer : ITrainingBackend, IDisposable
{
    private readonly GpuContext _context;
    private readonly Sequential _model;
    private readonly GpuArena _arena;
    private readonly GpuOptimizer _optimizer;
    private readonly DeviceLayer[] _layers;
    private readonly bool _sparse;
    private readonly bool _fromLogits;
    private readonly int _inputWidth;
    private readonly int _classes;
    private MemoryBuffer1D<float, Stride1D.Dense>? _input;
    private MemoryBuffer1D<float, Stride1D.Dense>? _targets;
    private MemoryBuffer1D<float, Stride1D.Dense>? _rowLoss;
    private float[] _rowLossHost = [];
    private int _capacity;
    private readonly bool _ownsContext;

    /// <summary>Moves <paramref name="model"/> (built and compiled) to <paramref name="context"/>'s device.</summary>
    /// <exception cref="InvalidOperationException">The model is not built or not compiled.</exception>
    /// <exception cref="NotSupportedException">A layer, activation, loss or optimizer has no device kernel (the message names it).</exception>
    public GpuTrainer(Sequential model, GpuContext context)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(context);
        if (!model.IsBuilt || !model.IsCompiled)
            throw new InvalidOperationException($"Model '{model.Name}' must be built and compiled before it moves to the GPU.");
        (_sparse, _fromLogits) = model.Loss switch
        {
            SparseCategoricalCrossentropy l => (true, l.FromLogits),
            CategoricalCrossentropy l => (false, l.FromLogits),
            var l => throw new NotSupportedException($"The GPU trainer supports (sparse) categorical cross-entropy; the model's loss is '{l.Name}'."),
        };
        _context = context;
        _model = model;
        _inputWidth = model.InputShape!.Size;
        _classes = model.OutputShape[-1];
        _layers = PlanLayers(model, context, !_fromLogits);
        _arena = new GpuArena(context, model.Arena);
        _optimizer = new GpuOptimizer(model.Optimizer, _arena);
        foreach (var layer in _layers) layer.Bind(_arena);
    }

    internal GpuTrainer(Sequential model, GpuContext context, bool ownsContext) : this(model, context)
    {
        _ownsContext = ownsContext;
    }

    /// <summary>The context (device) this trainer runs on.</summary>
    public GpuContext Context => _context;

    /// <inheritdoc />
    public long Iterations => _optimizer.Iterations;

    /// <inheritdoc />
    public double LearningRate => _optimizer.LearningRate;

    /// <summary>The device optimizer (the model's optimizer, moved).</summary>
    public GpuOptimizer Optimizer => _optimizer;

    /// <summary>The device arena of the model's parameters.</summary>
    public GpuArena Arena => _arena;

    /// <summary>One training step on one batch; returns the batch's mean loss (as <see cref="Sequential.TrainOnBatch"/>).</summary>
    /// <exception cref="ArgumentException">x or y does not fit the model's input or output.</exception>
    public float TrainOnBatch(Tensor x, Tensor y) => Train(x, y, null).Loss;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">x, y or the predictions tensor does not fit the model.</exception>
    (float Loss, StepResult Result) ITrainingBackend.TrainOnBatch(Tensor x, Tensor y, Tensor? predictions) => Train(x, y, predictions);

    /// <inheritdoc />
    public UpdateOverflow? LastOverflow => _optimizer.LastOverflow;

    private (float Loss, StepResult Result) Train(Tensor x, Tensor y, Tensor? predictions)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        int rows = x.Shape.Rank == 0 ? 0 : x.Shape[0];
        if (rows == 0 || x.Shape.Size != rows * _inputWidth)
            throw new ArgumentException($"x {x.Shape} must be a non-empty batch of inputs of {_inputWidth} values.", nameof(x));
        int targetWidth = _sparse ? 1 : _classes;
        if (y.Shape.Size != rows * targetWidth)
            throw new ArgumentException($"y {y.Shape} must hold {targetWidth} target value(s) for each of the {rows} rows.", nameof(y));
        if (predictions is not null && predictions.Shape.Size != rows * _classes)
            throw new ArgumentException($"predictions {predictions.Shape} must hold {_classes} outputs for each of the {rows} rows.", nameof(predictions));
        EnsureCapacity(rows);
        GpuArena.Range(_input!, 0, rows * _inputWidth).CopyFromCPU(x.Span);
        GpuArena.Range(_targets!, 0, rows * targetWidth).CopyFromCPU(y.Span);
        return Step(rows, predictions);
    }

    /// <summary>
    /// Trains <paramref name="epochs"/> epochs over the rows of x in order (the last batch may be
    /// smaller); returns each epoch's mean batch loss.
    /// </summary>
    public IReadOnlyList<double> Fit(Tensor x, Tensor y, int epochs, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        int rows = x.Shape[0];
        var losses = new List<double>();
        for (int e = 0; e < epochs; e++)
        {
            double total = 0;
            int batches = 0;
            for (int start = 0; start < rows; start += batchSize, batches++)
            {
                int count = Math.Min(batchSize, rows - start);
                total += TrainOnBatch(x.SliceRows(start, count), y.SliceRows(start, count));
            }
            losses.Add(total / batches);
        }
        return losses;
    }

    /// <summary>Copies the trained weights, batch-norm statistics and optimizer state (<see cref="GpuOptimizer.CopyStateToSource"/>) back into the CPU model.</summary>
    public void CopyToModel()
    {
        _arena.DownloadValues();
        foreach (var layer in _layers) layer.Download();
        _optimizer.CopyStateToSource();
    }

    private (float Loss, StepResult Result) Step(int rows, Tensor? predictions)
    {
        var kernels = _context.Kernels;
        _arena.Gradients.MemSetToZero();
        ArrayView<float> activation = GpuArena.Range(_input!, 0, rows * _inputWidth);
        foreach (var layer in _layers) activation = layer.Forward(activation, rows);
        if (predictions is not null) CopyPredictions(activation, rows, predictions);
        kernels.SoftmaxCrossEntropy(rows, activation, GpuArena.Range(_targets!, 0, rows * (_sparse ? 1 : _classes)), GpuArena.Range(_rowLoss!, 0, rows),
            rows, _classes, _sparse ? 1 : 0, _fromLogits ? 1 : 0);
        var gradient = activation;
        for (int i = _layers.Length - 1; i >= 0; i--) gradient = _layers[i].Backward(gradient, rows, needInputGradient: i > 0);
        var result = _optimizer.Apply();
        GpuArena.Range(_rowLoss!, 0, rows).CopyToCPU(_rowLossHost.AsSpan(0, rows));
        double sum = 0;
        for (int r = 0; r < rows; r++) sum += _rowLossHost[r];
        return ((float)(sum / rows), result);
    }

    // The final softmax is fused into the loss kernel, which overwrites the logits with their
    // gradient: the outputs the metrics read are copied out before it, and the softmax redone here.
    private void CopyPredictions(ArrayView<float> logits, int rows, Tensor predictions)
    {
        var host = predictions.Span;
        logits.SubView(0, rows * _classes).CopyToCPU(host);
        if (_fromLogits) return;
        for (int r = 0; r < rows; r++)
        {
            var row = host.Slice(r * _classes, _classes);
            float max = row[0];
            for (int j = 1; j < row.Length; j++) max = MathF.Max(max, row[j]);
            float sum = 0f;
            for (int j = 0; j < row.Length; j++) sum += row[j] = MathF.Exp(row[j] - max);
            for (int j = 0; j < row.Length; j++) row[j] /= sum;
        }
    }

    private void EnsureCapacity(int rows)
    {
        if (rows <= _capacity) return;
        _input?.Dispose();
        _targets?.Dispose();
        _rowLoss?.Dispose();
        var accelerator = _context.Accelerator;
        _input = accelerator.Allocate1D<float>((long)rows * _inputWidth);
        _targets = accelerator.Allocate1D<float>((long)rows * (_sparse ? 1 : _classes));
        _rowLoss = accelerator.Allocate1D<float>(rows);
        _rowLossHost = new float[rows];
        foreach (var layer in _layers) layer.Allocate(accelerator, rows);
        _capacity = rows;
    }

    private static DeviceLayer[] PlanLayers(Sequential model, GpuContext context, bool softmaxOutput)
    {
        var plan = new List<DeviceLayer>();
        var layers = model.Layers;
        for (int i = 0; i < layers.Count; i++)
        {
            bool last = i == layers.Count - 1;
            var layer = layers[i];
            switch (layer)
            {
                case Flatten:
                    break;
                case Dense dense:
                    plan.Add(new DenseLayer(context, dense, Kind(dense.Activation.Name, dense.Name, last, softmaxOutput)));
                    break;
                case ActivationLayer activation:
                    plan.Add(new ActivationOnlyLayer(context, activation.InputShape!.Size, Kind(activation.Activation.Name, activation.Name, last, softmaxOutput)));
                    break;
                case SoftmaxLayer when last && softmaxOutput:
                    break;
                case BatchNormalization norm:
                    plan.Add(new BatchNormLayer(context, norm));
                    break;
                default:
                    throw new NotSupportedException($"Layer '{layer.Name}' ({layer.ClassName}) has no GPU kernels; supported: Dense, Activation, BatchNormalization, Flatten.");
            }
        }
        bool endsInSoftmax = layers[^1] switch
        {
            Dense d => d.Activation.Name == "softmax",
            ActivationLayer a => a.Activation.Name == "softmax",
            SoftmaxLayer => true,
            _ => false,
        };
        if (softmaxOutput != endsInSoftmax)
            throw new NotSupportedException(softmaxOutput
                ? "A cross-entropy from probabilities needs a final softmax on the GPU; end the model with softmax or use fromLogits: true."
                : "A cross-entropy from logits needs a model without a final softmax.");
        return plan.ToArray();
    }

    // The final softmax is fused into the cross-entropy kernel, so it runs as linear here.
    private static ActivationKind Kind(string name, string layer, bool last, bool softmaxOutput) => name switch
    {
        "linear" => ActivationKind.Linear,
        "relu" => ActivationKind.Relu,
        "sigmoid" => ActivationKind.Sigmoid,
        "tanh" => ActivationKind.Tanh,
        "softmax" when last && softmaxOutput => ActivationKind.Linear,
        _ => throw new NotSupportedException($"Activation '{name}' of layer '{layer}' has no GPU kernel; supported: linear, relu, sigmoid, tanh, and softmax on the last layer with a cross-entropy loss."),
    };

    /// <inheritdoc />
    /// <remarks>Detaches the trainer from its model first (copying the weights back) when it is the model's backend.</remarks>
    public void Dispose()
    {
        if (ReferenceEquals(_model.Backend, this)) _model.UseBackend(null);
        foreach (var layer in _layers) layer.Dispose();
        _input?.Dispose();
        _targets?.Dispose();
        _rowLoss?.Dispose();
        _optimizer.Dispose();
        _arena.Dispose();
        if (_ownsContext) _context.Dispose();
    }
}
