using ILGPU;
using ILGPU.Runtime;

namespace Inertia.Gpu.Training;

/// <summary>One layer's device forward and backward, with its activations kept for the backward pass.</summary>
internal abstract class DeviceLayer(GpuContext context) : IDisposable
{
    protected GpuContext Context { get; } = context;

    protected Kernels Kernels => Context.Kernels;

    public virtual void Bind(GpuArena arena)
    {
    }

    public abstract void Allocate(Accelerator accelerator, int rows);

    public abstract ArrayView<float> Forward(ArrayView<float> input, int rows);

    /// <summary>Takes d(loss)/d(output) (which it may overwrite), adds the parameter gradients, returns d(loss)/d(input).</summary>
    public abstract ArrayView<float> Backward(ArrayView<float> outputGradient, int rows, bool needInputGradient);

    public virtual void Download()
    {
    }

    public abstract void Dispose();
}
