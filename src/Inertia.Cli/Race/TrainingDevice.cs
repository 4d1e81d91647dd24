using Inertia.Cli.Commands;
using Inertia.Cli.Options;
using Inertia.Gpu;
using Inertia.Gpu.Training;
using Inertia.Training;

namespace Inertia.Cli.Race;

/// <summary>
/// The device a command trains on: null context for the CPU engine, otherwise one ILGPU context
/// shared by every model of the command (kernels compile once). The environment variable
/// <see cref="TestAcceleratorVariable"/> set to <c>cpu</c> replaces CUDA with ILGPU's CPU
/// accelerator, so tests run the device path without a GPU.
/// </summary>
internal sealed class TrainingDevice : IDisposable
{
    public const string TestAcceleratorVariable = "INERTIA_GPU_TEST_ACCELERATOR";

    private TrainingDevice(GpuContext? context) => Context = context;

    public GpuContext? Context { get; }

    public string Description => Context?.ToString() ?? "CPU engine";

    /// <summary>Opens <paramref name="device"/>; for auto without a GPU, writes one notice line and uses the CPU.</summary>
    /// <exception cref="UsageException">cuda without a usable device, or a bad test-accelerator value.</exception>
    public static TrainingDevice Open(Device device, TextWriter notices)
    {
        if (device == Device.Cpu) return new TrainingDevice(null);
        switch (Environment.GetEnvironmentVariable(TestAcceleratorVariable))
        {
            case null or "":
                break;
            case "cpu":
                return new TrainingDevice(GpuContext.CreateCpuAccelerator());
            case var other:
                throw new UsageException($"environment variable {TestAcceleratorVariable} must be 'cpu' or unset, not '{other}'");
        }
        try
        {
            return new TrainingDevice(GpuContext.Open(Device.Cuda));
        }
        catch (CudaUnavailableException e) when (device == Device.Auto)
        {
            notices.WriteLine($"inertia: notice: --device auto: no CUDA device is usable ({e.Reason}); training on the CPU.");
            return new TrainingDevice(null);
        }
        catch (CudaUnavailableException e)
        {
            throw new UsageException($"--device cuda: no CUDA device is usable: {e.Reason} (use --device auto to fall back to the CPU)", ExitCodes.Device);
        }
    }

    /// <summary>Moves a compiled model's training onto the device; null (nothing to dispose) on the CPU engine.</summary>
    /// <exception cref="UsageException">The model has a layer, activation or loss without device kernels.</exception>
    public GpuTrainer? Attach(Sequential model, string description)
    {
        if (Context is null) return null;
        try
        {
            return model.UseDevice(Context);
        }
        catch (NotSupportedException e)
        {
            throw new UsageException($"--device cannot train model {description} on {Context.DeviceName}: {ErrorReport.Message(e)}", ExitCodes.Device);
        }
    }

    public void Dispose() => Context?.Dispose();
}
