using System.Text.Json;
using Inertia.Optimizers;
using Inertia.Tests.Conformance;

namespace Inertia.Gpu.Tests.Conformance;

/// <summary>
/// Replays every golden optimizer trajectory under shared/conformance through the device kernels
/// (ILGPU's CPU accelerator), with the README's float32 tolerance at every recorded step:
/// |ours − golden| ≤ 2e-5·max(1, |golden|) + 10·relative_noise_6e-8. The optimizer is built by the
/// CPU suite's reader and moved to the device as a user would move it.
/// </summary>
/// <remarks>Its own accelerator (not the shared collection's), so xunit runs it beside the kernel tests.</remarks>
public class GpuGoldenFileTests(CpuAccelerator device) : IClassFixture<CpuAccelerator>
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        if (SharedConformance.TryDirectory is null)
        {
            data.Add("<shared/conformance not found>");
            return data;
        }
        foreach (var file in SharedConformance.Files().Where(f => !f.EndsWith("schedules.json", StringComparison.Ordinal)))
            data.Add(file);
        return data;
    }

    [Fact]
    public void Conformance_folder_holds_the_keras_and_pytorch_trajectories()
    {
        Assert.True(SharedConformance.Files().Count() >= 70, "expected the Keras and PyTorch golden files");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Golden_trajectory_is_reproduced_by_the_device_kernels(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(SharedConformance.Directory, file)));
        var golden = new GoldenTrajectory(doc.RootElement);
        using var arena = new GpuArena(device.Context, golden.Arena);
        using var gpu = new GpuOptimizer(golden.Optimizer, arena);
        for (int step = 1; step <= golden.Steps; step++)
        {
            arena.DownloadValues();
            golden.WriteGradients();
            arena.UploadGradients();
            golden.CheckLearningRate(step, gpu.LearningRate);
            Assert.NotEqual(StepResult.SkippedNonFinite, gpu.Apply());
            if (golden.RecordsParametersAfter(step))
            {
                arena.DownloadValues();
                golden.CheckParameters(step, p => p.Value.Span);
            }
            if (golden.RecordsAverageAfter(step))
                golden.CheckAverage(step, p =>
                {
                    var average = new float[p.Size];
                    gpu.DownloadSlot(p, "average", average);
                    return average;
                });
        }
        Assert.Equal(golden.Steps, gpu.RawIterations);
    }
}
