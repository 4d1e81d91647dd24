namespace Inertia.Gpu.Tests;

public class DeviceSelectionTests
{
    [Fact]
    public void Cpu_device_means_the_cpu_engine()
    {
        Assert.Null(GpuContext.Open(Device.Cpu));
    }

    [Fact]
    public void Cuda_without_a_gpu_fails_with_one_line_and_auto_falls_back_to_the_cpu()
    {
        using var auto = GpuContext.Open(Device.Auto);
        if (auto is not null)
        {
            // A machine with a GPU: both requests must give a CUDA context.
            Assert.True(auto.IsCuda);
            using var cuda = GpuContext.Open(Device.Cuda);
            Assert.True(cuda!.IsCuda);
            return;
        }
        var e = Assert.Throws<CudaUnavailableException>(() => GpuContext.Open(Device.Cuda));
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains("Device.Auto", e.Message);
    }

    [Fact]
    public void Undefined_device_values_are_rejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => GpuContext.Open((Device)42));
        Assert.Equal("device", e.ParamName);
    }
}
