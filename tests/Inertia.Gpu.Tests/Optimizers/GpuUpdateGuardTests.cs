using Inertia.Optimizers;
using Inertia.Tests.Optimizers;

namespace Inertia.Gpu.Tests.Optimizers;

/// <summary>
/// The device update kernel commits an element only when its new weight and slots are all finite,
/// as the CPU kernels do, and the device optimizer reports the overflow the same way.
/// </summary>
[Collection(CpuAcceleratorCollection.Name)]
public class GpuUpdateGuardTests(CpuAccelerator device)
{
    public static TheoryData<string, string> EveryOptimizerInBothConventions() => OverflowingStep.EveryOptimizerInBothConventions();

    [Theory]
    [MemberData(nameof(EveryOptimizerInBothConventions))]
    public void An_overflowing_element_keeps_its_weight_and_state_on_the_device_as_on_the_cpu(string name, string convention)
    {
        var (cpuArena, cpu) = OverflowingStep.Create(name, convention, "skip");
        var (hostArena, source) = OverflowingStep.Create(name, convention, "skip");
        using var arena = new GpuArena(device.Context, hostArena);
        using var gpu = new GpuOptimizer(source, arena);
        arena.UploadGradients();

        Assert.Equal(StepResult.Overflowed, cpu.Apply());
        Assert.Equal(StepResult.Overflowed, gpu.Apply());

        arena.DownloadValues();
        var kernel = hostArena.Parameters[0];
        Assert.Equal(float.MaxValue, kernel.Value.Span[0]);
        Assert.Equal(cpuArena.Parameters[0].Value.Span[1], kernel.Value.Span[1], 1e-5f * Math.Abs(kernel.Value.Span[1]));
        foreach (var slot in cpu.Slots)
        {
            var values = new float[kernel.Size];
            gpu.DownloadSlot(kernel, slot.Name, values);
            Assert.Equal(cpu.GetSlot(cpuArena.Parameters[0], slot.Name)[0], values[0]);
            Assert.All(values, v => Assert.True(float.IsFinite(v), $"{name}: slot {slot.Name} holds {v}."));
        }
        Assert.Equal(cpu.LastOverflow, gpu.LastOverflow);
        Assert.Equal(1, gpu.OverflowedSteps);
        Assert.Equal(1, gpu.RejectedElements);
        Assert.Equal(1, gpu.Iterations);
    }

    [Fact]
    public void Under_the_throw_policy_the_device_step_throws_naming_the_parameter()
    {
        var (hostArena, source) = OverflowingStep.Create("adam", "keras", "throw");
        using var arena = new GpuArena(device.Context, hostArena);
        using var gpu = new GpuOptimizer(source, arena);
        arena.UploadGradients();

        var e = Assert.Throws<NonFiniteUpdateException>(() => gpu.Apply());

        Assert.Equal("dense/kernel", e.ParameterName);
        arena.DownloadValues();
        Assert.Equal(float.MaxValue, hostArena.Parameters[0].Value.Span[0]);
    }

    [Fact]
    public void After_an_overflow_the_next_ordinary_step_reports_updated()
    {
        var (hostArena, source) = OverflowingStep.Create("sgd", "keras", "skip");
        using var arena = new GpuArena(device.Context, hostArena);
        using var gpu = new GpuOptimizer(source, arena);
        arena.UploadGradients();
        Assert.Equal(StepResult.Overflowed, gpu.Apply());

        hostArena.ZeroGradients();
        arena.UploadGradients();

        Assert.Equal(StepResult.Updated, gpu.Apply());
        Assert.Equal(1, gpu.OverflowedSteps);
    }
}
