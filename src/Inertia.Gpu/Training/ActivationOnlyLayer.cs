using ILGPU;
using ILGPU.Runtime;

namespace Inertia.Gpu.Training;

/// <summary>A standalone activation layer (the input is copied so the previous layer's output stays intact for its backward pass).</summary>
internal sealed class ActivationOnlyLayer(GpuContext context, int width, ActivationKind activation) : DeviceLayer(context)
{
    private MemoryBuffer1D<float, Stride1D.Dense>? _output;

    public override void Allocate(Accelerator accelerator, int rows)
    {
        Dispose();
        _output = accelerator.Allocate1D<float>((long)rows * width);
    }

    public override ArrayView<float> Forward(ArrayView<float> input, int rows)
    {
        var y = GpuArena.Range(_output!, 0, rows * width);
        y.CopyFrom(input);
        if (activation != ActivationKind.Linear) Kernels.Activate(rows * width, y, (int)activation);
        return y;
    }

    public override ArrayView<float> Backward(ArrayView<float> outputGradient, int rows, bool needInputGradient)
    {
        if (activation != ActivationKind.Linear)
            Kernels.ActivationBackward(rows * width, outputGradient, GpuArena.Range(_output!, 0, rows * width), (int)activation);
        return outputGradient;
    }

    public override void Dispose() => _output?.Dispose();
}
