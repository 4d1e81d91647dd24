using System.Text.Json;
using Inertia.Cli.Options;
using Inertia.Cli.Race;
using Inertia.Cli.Report;
using Inertia.Gpu;

namespace Inertia.Cli.Tests;

/// <summary>
/// <c>--device</c>. The device path runs on ILGPU's CPU accelerator through the test variable; the
/// tests of this class run one after another, so the process-wide variable is set by one at a time.
/// The data is a small two-feature CSV: ILGPU's CPU accelerator emulates a GPU thread by thread,
/// so 784-wide products would take minutes there while proving nothing more.
/// </summary>
public class DeviceTests
{
    private static readonly Lazy<string> SmallCsv = new(WriteSmallCsv);

    private static string[] TinyData => ["--csv", SmallCsv.Value, "--label", "label", "--model", "2-16-3"];

    private static string[] TinyRace =>
        ["compare", .. TinyData, "--epochs", "2", "--batch-size", "32", "--optimizers", "sgd,adam", "--no-trajectories", "--quiet"];

    /// <summary>200 points in the square, labelled by their angle into three classes, rows in a fixed order.</summary>
    private static string WriteSmallCsv()
    {
        string path = Path.Combine(Path.GetTempPath(), $"inertia-device-tests-{Environment.ProcessId}.csv");
        using var writer = new StreamWriter(path);
        writer.WriteLine("x1,x2,label");
        for (int i = 0; i < 200; i++)
        {
            double x1 = Math.Sin(i * 12.9898) * 2, x2 = Math.Cos(i * 78.233) * 2;
            int label = (int)((Math.Atan2(x2, x1) + Math.PI) / (2 * Math.PI / 3)) % 3;
            writer.WriteLine(FormattableString.Invariant($"{x1:R},{x2:R},{label}"));
        }
        return path;
    }

    private static CliRunner.Result WithTestAccelerator(string? value, params string[] args)
    {
        string? before = Environment.GetEnvironmentVariable(TrainingDevice.TestAcceleratorVariable);
        Environment.SetEnvironmentVariable(TrainingDevice.TestAcceleratorVariable, value);
        try
        {
            return CliRunner.Run(args);
        }
        finally
        {
            Environment.SetEnvironmentVariable(TrainingDevice.TestAcceleratorVariable, before);
        }
    }

    private static bool MachineHasCuda()
    {
        using var context = GpuContext.Open(Device.Auto);
        return context is not null;
    }

    [Fact]
    public void A_race_on_the_device_path_gives_the_cpu_race_curves()
    {
        using var cpuDir = new TempDirectory();
        using var deviceDir = new TempDirectory();
        var cpu = CliRunner.Run([.. TinyRace, "--out", cpuDir.Path]);
        Assert.True(cpu.ExitCode == 0, cpu.Error);
        var device = WithTestAccelerator("cpu", [.. TinyRace, "--device", "cuda", "--out", deviceDir.Path]);
        Assert.True(device.ExitCode == 0, device.Error);
        Assert.Equal("", device.Error);

        using var cpuJson = JsonDocument.Parse(File.ReadAllText(cpuDir.File(ReportWriter.ResultsFile)));
        using var deviceJson = JsonDocument.Parse(File.ReadAllText(deviceDir.File(ReportWriter.ResultsFile)));
        Assert.Contains("ILGPU CPU accelerator", deviceJson.RootElement.GetProperty("machine").GetProperty("trainingDevice").GetString());
        Assert.Equal("CPU engine", cpuJson.RootElement.GetProperty("machine").GetProperty("trainingDevice").GetString());
        var cpuRuns = cpuJson.RootElement.GetProperty("optimizers").EnumerateArray().Select(o => o.GetProperty("runs")[0]).ToList();
        var deviceRuns = deviceJson.RootElement.GetProperty("optimizers").EnumerateArray().Select(o => o.GetProperty("runs")[0]).ToList();
        Assert.Equal(2, deviceRuns.Count);
        for (int o = 0; o < 2; o++)
        {
            Assert.Equal(cpuRuns[o].GetProperty("initialWeightsHash").GetString(), deviceRuns[o].GetProperty("initialWeightsHash").GetString());
            var expected = cpuRuns[o].GetProperty("epochs");
            var actual = deviceRuns[o].GetProperty("epochs");
            Assert.Equal(3, actual.GetArrayLength());
            for (int e = 0; e < 3; e++)
            {
                foreach (string loss in new[] { "trainLoss", "validationLoss" })
                    Assert.True(Math.Abs(expected[e].GetProperty(loss).GetDouble() - actual[e].GetProperty(loss).GetDouble()) <= 1e-3,
                        $"optimizer {o}, epoch {e}, {loss}: CPU {expected[e].GetProperty(loss).GetDouble()}, device {actual[e].GetProperty(loss).GetDouble()}");
                // One of the 40 validation points may fall on the other side of a decision boundary.
                foreach (string accuracy in new[] { "trainAccuracy", "validationAccuracy" })
                    Assert.True(Math.Abs(expected[e].GetProperty(accuracy).GetDouble() - actual[e].GetProperty(accuracy).GetDouble()) <= 0.026,
                        $"optimizer {o}, epoch {e}, {accuracy}: CPU {expected[e].GetProperty(accuracy).GetDouble()}, device {actual[e].GetProperty(accuracy).GetDouble()}");
            }
        }
    }

    [Fact]
    public void Train_on_the_device_path_saves_the_trained_optimizer_state_and_evaluate_reads_the_model()
    {
        using var dir = new TempDirectory();
        string file = dir.File("model.inertia");
        var r = WithTestAccelerator("cpu", ["train", .. TinyData, "--epochs", "1", "--device", "auto", "--output", file, "--quiet"]);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("ILGPU CPU accelerator", r.Out);
        var saved = Inertia.Training.Sequential.Load(file);
        Assert.True(saved.Optimizer.Iterations > 0, "the device's iteration count is saved");
        var kernel = saved.Arena.Parameters[0];
        Assert.Contains(saved.Optimizer.GetSlot(kernel, "momentum").ToArray(), m => m != 0f);
        var e = CliRunner.Run(["evaluate", "--model", file, "--csv", SmallCsv.Value, "--label", "label"]);
        Assert.True(e.ExitCode == 0, e.Error);
    }

    [Fact]
    public void Cuda_without_a_gpu_is_one_line_and_a_non_zero_exit()
    {
        if (MachineHasCuda()) return;
        var r = WithTestAccelerator(null, [.. TinyRace, "--device", "cuda"]);
        Assert.Equal(ExitCodes.Device, r.ExitCode);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("inertia: error: --device cuda: no CUDA device is usable", r.Error);
        Assert.Contains("--device auto", r.Error);
    }

    [Fact]
    public void Auto_without_a_gpu_trains_on_the_cpu_after_a_one_line_notice()
    {
        if (MachineHasCuda()) return;
        using var dir = new TempDirectory();
        var r = WithTestAccelerator(null, ["train", .. TinyData, "--epochs", "1", "--device", "auto", "--output", dir.File("m.inertia"), "--quiet"]);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("inertia: notice: --device auto: no CUDA device is usable", r.Error);
        Assert.Contains("CPU engine", r.Out);
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("CUDA")]
    public void Unknown_devices_are_usage_errors(string device)
    {
        var r = CliRunner.Run("compare", "--samples", "100", "--device", device, "--quiet");
        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Contains($"'{device}'", r.Error);
    }

    [Fact]
    public void A_model_without_device_kernels_is_refused_before_training()
    {
        var r = WithTestAccelerator("cpu", ["compare", .. TinyData, "--activation", "gelu", "--device", "cuda", "--quiet"]);
        Assert.Equal(ExitCodes.Device, r.ExitCode);
        Assert.Contains("gelu", r.Error);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
    }
}
