using ILGPU;
using ILGPU.Runtime;
using Inertia.Layers;

namespace Inertia.Gpu.Training;

/// <summary>Batch normalization over the batch axis with the CPU op's formulas; moving statistics stay on the device until <see cref="Download"/>.</summary>
internal sealed class BatchNormLayer : DeviceLayer
{
    private readonly BatchNormalization _layer;
    private readonly int _width;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _movingMean, _movingVariance, _mean, _invStd, _scale, _shift, _sumDy, _sumDyXhat, _dummy;
    private ArrayView<float> _gamma, _beta, _gammaGradient, _betaGradient;
    private ArrayView<float> _input;
    private MemoryBuffer1D<float, Stride1D.Dense>? _output, _inputGradient;
    private BatchNormSettings _settings;

    public BatchNormLayer(GpuContext context, BatchNormalization layer) : base(context)
    {
        _layer = layer;
        _width = layer.MovingMean.Shape.Size;
        var accelerator = context.Accelerator;
        _movingMean = accelerator.Allocate1D(layer.MovingMean.Span.ToArray());
        _movingVariance = accelerator.Allocate1D(layer.MovingVariance.Span.ToArray());
        _mean = accelerator.Allocate1D<float>(_width);
        _invStd = accelerator.Allocate1D<float>(_width);
        _scale = accelerator.Allocate1D<float>(_width);
        _shift = accelerator.Allocate1D<float>(_width);
        _sumDy = accelerator.Allocate1D<float>(_width);
        _sumDyXhat = accelerator.Allocate1D<float>(_width);
        _dummy = accelerator.Allocate1D<float>(1);
        _settings = new BatchNormSettings
        {
            Epsilon = layer.Epsilon, Keep = (float)layer.Momentum, Take = (float)(1.0 - layer.Momentum),
            HasGamma = layer.Gamma is null ? 0 : 1, HasBeta = layer.Beta is null ? 0 : 1,
        };
    }

    public override void Bind(GpuArena arena)
    {
        _gamma = _layer.Gamma is { } g ? arena.Value(g) : _dummy.View;
        _gammaGradient = _layer.Gamma is { } g2 ? arena.Gradient(g2) : _dummy.View;
        _beta = _layer.Beta is { } b ? arena.Value(b) : _dummy.View;
        _betaGradient = _layer.Beta is { } b2 ? arena.Gradient(b2) : _dummy.View;
    }

    public override void Allocate(Accelerator accelerator, int rows)
    {
        _output?.Dispose();
        _inputGradient?.Dispose();
        _output = accelerator.Allocate1D<float>((long)rows * _width);
        _inputGradient = accelerator.Allocate1D<float>((long)rows * _width);
    }

    public override ArrayView<float> Forward(ArrayView<float> input, int rows)
    {
        _input = input;
        _settings.Training = _layer.Trainable ? 1 : 0;
        var y = GpuArena.Range(_output!, 0, rows * _width);
        Kernels.BatchNormStatistics(_width, input, rows, _width, _gamma, _beta, _movingMean.View, _movingVariance.View,
            _mean.View, _invStd.View, _scale.View, _shift.View, _settings);
        Kernels.Affine(rows * _width, input, y, _scale.View, _shift.View, _width);
        return y;
    }

    public override ArrayView<float> Backward(ArrayView<float> outputGradient, int rows, bool needInputGradient)
    {
        var settings = _settings;
        bool parameters = _layer.Trainable;
        settings.HasGamma = parameters ? settings.HasGamma : 0;
        settings.HasBeta = parameters ? settings.HasBeta : 0;
        Kernels.BatchNormGradientSums(_width, _input, outputGradient, rows, _width, _mean.View, _invStd.View, _sumDy.View, _sumDyXhat.View,
            _gammaGradient, _betaGradient, settings);
        if (!needInputGradient) return default;
        var dx = GpuArena.Range(_inputGradient!, 0, rows * _width);
        Kernels.BatchNormInputGradient(rows * _width, _input, outputGradient, dx, rows, _width, _mean.View, _invStd.View, _scale.View,
            _sumDy.View, _sumDyXhat.View, _settings.Training);
        return dx;
    }

    public override void Download()
    {
        GpuArena.Range(_movingMean, 0, _width).CopyToCPU(_layer.MovingMean.Span);
        GpuArena.Range(_movingVariance, 0, _width).CopyToCPU(_layer.MovingVariance.Span);
    }

    public override void Dispose()
    {
        _output?.Dispose();
        _inputGradient?.Dispose();
        foreach (var b in new[] { _movingMean, _movingVariance, _mean, _invStd, _scale, _shift, _sumDy, _sumDyXhat, _dummy }) b.Dispose();
    }
}
