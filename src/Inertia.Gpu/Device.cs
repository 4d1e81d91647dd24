namespace Inertia.Gpu;

/// <summary>Where a model trains or an optimizer steps.</summary>
public enum Device
{
    /// <summary>The CPU engine of the core library (no GPU involved).</summary>
    Cpu,

    /// <summary>An NVIDIA GPU through CUDA; fails with a one-line message when none is usable.</summary>
    Cuda,

    /// <summary>CUDA when a device is usable, otherwise the CPU engine.</summary>
    Auto,
}
