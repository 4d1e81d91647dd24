using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.Cuda.API;

namespace Inertia.Gpu;

/// <summary>
/// One ILGPU context and accelerator: a CUDA GPU, or ILGPU's CPU accelerator (which runs the same
/// kernels as .NET code, so tests and CI need no GPU). Owns the compiled kernels and, on CUDA, the
/// cuBLAS handle. Not thread-safe: one training loop per context.
/// </summary>
public sealed class GpuContext : IDisposable
{
    private readonly Context _context;
    private Kernels? _kernels;
    private CuBlas? _cublas;
    private string? _cublasFailure;
    private bool _cublasTried;

    private GpuContext(Context context, Accelerator accelerator)
    {
        _context = context;
        Accelerator = accelerator;
    }

    /// <summary>The accelerator every buffer of this context lives on.</summary>
    public Accelerator Accelerator { get; }

    /// <summary>Whether the accelerator is an NVIDIA GPU (otherwise ILGPU's CPU accelerator).</summary>
    public bool IsCuda => Accelerator is CudaAccelerator;

    /// <summary>The device's name as the driver reports it.</summary>
    public string DeviceName => Accelerator.Name;

    /// <summary>
    /// Whether GEMMs go through cuBLAS (CUDA with a loadable libcublas); otherwise the ILGPU tiled
    /// SGEMM kernel runs them.
    /// </summary>
    public bool UsesCublas => Cublas is not null;

    /// <summary>Why cuBLAS is not used (null while it is, or before the first GEMM asked for it).</summary>
    public string? CublasUnavailableReason => _cublasFailure;

    /// <summary>
    /// Opens the device <paramref name="device"/> names: a CUDA context for <see cref="Device.Cuda"/>
    /// (or <see cref="Device.Auto"/> with a GPU present); null for <see cref="Device.Cpu"/> and for
    /// <see cref="Device.Auto"/> without a GPU, meaning "use the CPU engine".
    /// </summary>
    /// <exception cref="CudaUnavailableException"><see cref="Device.Cuda"/> and no CUDA device is usable.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="device"/> is not a defined value.</exception>
    public static GpuContext? Open(Device device)
    {
        switch (device)
        {
            case Device.Cpu:
                return null;
            case Device.Cuda:
                return OpenCuda(out var reason, out var error) ?? throw new CudaUnavailableException(reason!, error);
            case Device.Auto:
                return OpenCuda(out _, out _);
            default:
                throw new ArgumentOutOfRangeException(nameof(device), device, "Device must be Cpu, Cuda or Auto.");
        }
    }

    /// <summary>
    /// A context on ILGPU's CPU accelerator: the GPU kernels executed as .NET code, for tests and for
    /// checking a model on a machine without a GPU. Slow; not a substitute for the CPU engine.
    /// </summary>
    public static GpuContext CreateCpuAccelerator()
    {
        // One simulated multiprocessor of 16-thread groups: the simulator wakes every simulated thread
        // per launch, so a small device keeps the many small launches of tests cheap.
        var context = Context.Create(builder => builder.CPU(new CPUDevice(numThreadsPerWarp: 2, numWarpsPerMultiprocessor: 2, numMultiprocessors: 1)).EnableAlgorithms());
        return new GpuContext(context, context.CreateCPUAccelerator(0));
    }

    private static GpuContext? OpenCuda(out string? reason, out Exception? error)
    {
        reason = null;
        error = null;
        Context? context = null;
        try
        {
            context = Context.Create(builder => builder.Cuda().EnableAlgorithms().Optimize(OptimizationLevel.O2));
            var devices = context.GetCudaDevices();
            if (devices.Count == 0)
            {
                reason = "the CUDA driver (libcuda.so.1) reports no device or is not installed";
                context.Dispose();
                return null;
            }
            return new GpuContext(context, devices[0].CreateCudaAccelerator(context));
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or CudaException or NotSupportedException or InvalidOperationException)
        {
            reason = $"{e.GetType().Name}: {e.Message.Split('\n')[0]}";
            error = e;
            context?.Dispose();
            return null;
        }
    }

    internal Kernels Kernels => _kernels ??= new Kernels(Accelerator);

    internal CuBlas? Cublas
    {
        get
        {
            if (_cublasTried) return _cublas;
            _cublasTried = true;
            if (Accelerator is not CudaAccelerator cuda)
            {
                _cublasFailure = "not a CUDA accelerator";
                return null;
            }
            CublasLibrary.InstallResolver();
            try
            {
                _cublas = new CuBlas(cuda, CuBlasAPIVersion.V12);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or CuBlasException or TypeInitializationException)
            {
                _cublasFailure = $"{e.GetType().Name}: {e.Message.Split('\n')[0]}";
            }
            return _cublas;
        }
    }

    /// <summary>Waits for every queued kernel and copy to finish.</summary>
    public void Synchronize() => Accelerator.Synchronize();

    /// <inheritdoc />
    public override string ToString() => $"{DeviceName} ({(IsCuda ? "CUDA" : "ILGPU CPU accelerator")}, GEMM: {(UsesCublas ? "cuBLAS" : "ILGPU tiled SGEMM")})";

    /// <inheritdoc />
    public void Dispose()
    {
        _cublas?.Dispose();
        Accelerator.Dispose();
        _context.Dispose();
    }
}
