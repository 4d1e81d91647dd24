using ILGPU;
using ILGPU.Runtime;
using Inertia.Layers;

namespace Inertia.Gpu.Training;

/// <summary>Dense: y = act(x·W + b); backward dW += xᵀ·dz, db += Σ_rows dz, dx = dz·Wᵀ.</summary>
internal sealed class DenseLayer(GpuContext context, Dense dense, ActivationKind activation) : DeviceLayer(context)
{
    private readonly int _in = dense.Kernel.Shape[0];
    private readonly int _out = dense.Units;
    private ArrayView<float> _kernel, _kernelGradient, _bias, _biasGradient;
    private ArrayView<float> _input;
    private MemoryBuffer1D<float, Stride1D.Dense>? _output, _inputGradient;

    public override void Bind(GpuArena arena)
    {
        _kernel = arena.Value(dense.Kernel);
        _kernelGradient = arena.Gradient(dense.Kernel);
        if (dense.Bias is { } bias)
        {
            _bias = arena.Value(bias);
            _biasGradient = arena.Gradient(bias);
        }
    }

    public override void Allocate(Accelerator accelerator, int rows)
    {
        Dispose();
        _output = accelerator.Allocate1D<float>((long)rows * _out);
        _inputGradient = accelerator.Allocate1D<float>((long)rows * _in);
    }

    public override ArrayView<float> Forward(ArrayView<float> input, int rows)
    {
        _input = input;
        var y = GpuArena.Range(_output!, 0, rows * _out);
        GpuGemm.Multiply(Context, false, false, rows, _out, _in, 1f, input, _in, _kernel, _out, 0f, y, _out);
        if (dense.Bias is not null) Kernels.BiasAdd(rows * _out, y, _bias, _out);
        if (activation != ActivationKind.Linear) Kernels.Activate(rows * _out, y, (int)activation);
        return y;
    }

    public override ArrayView<float> Backward(ArrayView<float> outputGradient, int rows, bool needInputGradient)
    {
        var y = GpuArena.Range(_output!, 0, rows * _out);
        if (activation != ActivationKind.Linear) Kernels.ActivationBackward(rows * _out, outputGradient, y, (int)activation);
        GpuGemm.Multiply(Context, true, false, _in, _out, rows, 1f, _input, _in, outputGradient, _out, 1f, _kernelGradient, _out);
        if (dense.Bias is not null) Kernels.ColumnSums(_out, outputGradient, _biasGradient, rows, _out, 1);
        if (!needInputGradient) return default;
        var dx = GpuArena.Range(_inputGradient!, 0, rows * _in);
        GpuGemm.Multiply(Context, false, true, rows, _in, _out, 1f, outputGradient, _out, _kernel, _out, 0f, dx, _in);
        return dx;
    }

    public override void Dispose()
    {
        _output?.Dispose();
        _inputGradient?.Dispose();
    }
}
