using Inertia.Losses;
using Inertia.Metrics;
using Inertia.Optimizers;
using Inertia.Training;

namespace Inertia.Gpu.Training;

/// <summary>
/// Device selection for a <see cref="Sequential"/>: <c>model.Compile(optimizer, loss, Device.Cuda)</c>
/// or <c>model.UseDevice(Device.Auto)</c> attach a <see cref="GpuTrainer"/> as the model's
/// <see cref="ITrainingBackend"/>, so the model's own <see cref="Sequential.Fit"/> and
/// <see cref="Sequential.TrainOnBatch"/> (same shuffling, validation, callbacks and metrics) run
/// their steps on the GPU.
/// </summary>
public static class SequentialDeviceExtensions
{
    /// <summary>
    /// Compiles the model (as <see cref="Sequential.Compile(Optimizer, Loss, Metric[])"/>) and moves its
    /// training to <paramref name="device"/>; see <see cref="UseDevice(Sequential, Device)"/>.
    /// </summary>
    /// <returns>The attached trainer, which owns the device (dispose it when done); null when training stays on the CPU engine.</returns>
    /// <exception cref="CudaUnavailableException"><see cref="Device.Cuda"/> and no CUDA device is usable.</exception>
    /// <exception cref="NotSupportedException">A layer, activation or loss has no device kernel (the message names it).</exception>
    public static GpuTrainer? Compile(this Sequential model, Optimizer optimizer, Loss loss, Device device, params Metric[] metrics)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Compile(optimizer, loss, metrics);
        return model.UseDevice(device);
    }

    /// <summary>
    /// Moves the training of a compiled model to <paramref name="device"/>: <see cref="Device.Cuda"/> the
    /// first CUDA GPU (or a <see cref="CudaUnavailableException"/>), <see cref="Device.Auto"/> that GPU
    /// when usable and the CPU engine otherwise, <see cref="Device.Cpu"/> the CPU engine. The
    /// model's weights and optimizer settings (and its optimizer state, if it has trained) are uploaded.
    /// </summary>
    /// <returns>The attached trainer, which owns the device: dispose it when done (that copies the
    /// weights back and detaches it). Null when training stays on the CPU engine.</returns>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    /// <exception cref="CudaUnavailableException"><see cref="Device.Cuda"/> and no CUDA device is usable.</exception>
    /// <exception cref="NotSupportedException">A layer, activation or loss has no device kernel (the message names it).</exception>
    public static GpuTrainer? UseDevice(this Sequential model, Device device)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.IsCompiled)
            throw new InvalidOperationException($"Model '{model.Name}' is not compiled: call Compile(optimizer, loss, metrics) before choosing a device.");
        var context = GpuContext.Open(device);
        if (context is null)
        {
            model.UseBackend(null);
            return null;
        }
        return Attach(model, context, ownsContext: true);
    }

    /// <summary>
    /// Moves the training of a compiled model to an open <paramref name="context"/> (for instance
    /// <see cref="GpuContext.CreateCpuAccelerator"/>, to check a model without a GPU). The caller
    /// keeps owning the context and disposes the trainer before it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    /// <exception cref="NotSupportedException">A layer, activation or loss has no device kernel (the message names it).</exception>
    public static GpuTrainer UseDevice(this Sequential model, GpuContext context)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(context);
        return Attach(model, context, ownsContext: false);
    }

    private static GpuTrainer Attach(Sequential model, GpuContext context, bool ownsContext)
    {
        // Weights a previous backend trained must reach the CPU model before they are uploaded again.
        model.UseBackend(null);
        GpuTrainer trainer;
        try
        {
            trainer = new GpuTrainer(model, context, ownsContext);
        }
        catch when (ownsContext)
        {
            context.Dispose();
            throw;
        }
        model.UseBackend(trainer);
        return trainer;
    }
}
