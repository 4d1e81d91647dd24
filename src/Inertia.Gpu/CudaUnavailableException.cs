namespace Inertia.Gpu;

/// <summary>Thrown when <see cref="Device.Cuda"/> was asked for and no CUDA device can be used.</summary>
public sealed class CudaUnavailableException : InvalidOperationException
{
    /// <summary>Creates the exception with its one-line reason.</summary>
    public CudaUnavailableException(string reason, Exception? inner = null)
        : base($"Device.Cuda was requested but no CUDA device is usable: {reason} (use Device.Auto to fall back to the CPU).", inner)
    {
        Reason = reason;
    }

    /// <summary>Why no CUDA device is usable, in one line (no advice attached).</summary>
    public string Reason { get; }
}
