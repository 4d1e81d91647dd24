namespace Inertia.Gpu.Tests;

/// <summary>One ILGPU CPU-accelerator context for the whole suite (kernels compile once per accelerator).</summary>
public sealed class CpuAccelerator : IDisposable
{
    public GpuContext Context { get; } = GpuContext.CreateCpuAccelerator();

    public void Dispose() => Context.Dispose();
}

[CollectionDefinition(Name)]
public sealed class CpuAcceleratorCollection : ICollectionFixture<CpuAccelerator>
{
    public const string Name = "ILGPU CPU accelerator";
}
