using System.Globalization;
using System.Text.Json;
using Inertia.Optimizers;
using Inertia.Tensors;
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
        var root = doc.RootElement;
        GoldenCase.RejectUnknownFields(root);
        var optimizer = GoldenCase.CreateOptimizer(root);
        var problem = root.GetProperty("problem");
        double[] a = Doubles(problem.GetProperty("a")), c = Doubles(problem.GetProperty("c"));
        double[] p0 = Doubles(root.GetProperty("initial_params"));
        int steps = root.GetProperty("steps").GetInt32();
        double noise = root.GetProperty("sensitivity").GetProperty("relative_noise_6e-8").GetDouble();
        var slices = root.GetProperty("variables").EnumerateArray().Select(v => (Start: v[0].GetInt32(), End: v[1].GetInt32())).ToArray();
        Assert.Equal(p0.Length, slices[^1].End);

        var parameters = slices.Select((s, i) => new Parameter($"var{i}", new Shape(s.End - s.Start))).ToArray();
        var host = new ParameterArena(parameters);
        for (int i = 0; i < slices.Length; i++)
            for (int j = slices[i].Start; j < slices[i].End; j++)
                parameters[i].Value.Span[j - slices[i].Start] = (float)p0[j];
        using var arena = new GpuArena(device.Context, host);
        using var gpu = new GpuOptimizer(optimizer, arena);

        double[]? lrUsed = root.TryGetProperty("lr_used_per_step", out var lr) ? Doubles(lr) : null;
        var expected = Checkpoints(root, "params_after_step");
        var expectedEma = root.TryGetProperty("ema_after_step", out _) ? Checkpoints(root, "ema_after_step") : null;
        Assert.NotEmpty(expected);
        for (int step = 1; step <= steps; step++)
        {
            arena.DownloadValues();
            for (int i = 0; i < slices.Length; i++)
            {
                var value = parameters[i].Value.Span;
                var gradient = parameters[i].Gradient.Span;
                for (int j = slices[i].Start; j < slices[i].End; j++)
                {
                    double x = value[j - slices[i].Start];
                    gradient[j - slices[i].Start] = (float)(2 * a[j] * (x - c[j]) + 0.1 * Math.Cos(x));
                }
            }
            arena.UploadGradients();
            if (lrUsed is not null)
            {
                double ours = gpu.LearningRate, golden = lrUsed[step - 1];
                Assert.True(Math.Abs(ours - golden) <= 1e-9 * Math.Abs(golden) + 1e-15, $"learning rate of call {step}: ours {ours:R}, golden {golden:R}");
            }
            Assert.NotEqual(StepResult.SkippedNonFinite, gpu.Apply());
            if (expected.TryGetValue(step, out var golden1))
            {
                arena.DownloadValues();
                Compare("params", step, parameters, slices, p => p.Value.Span.ToArray(), golden1, noise);
            }
            if (expectedEma is not null && expectedEma.TryGetValue(step, out var golden2))
                Compare("ema", step, parameters, slices, p =>
                {
                    var average = new float[p.Size];
                    gpu.DownloadSlot(p, "average", average);
                    return average;
                }, golden2, noise);
        }
        Assert.Equal(steps, gpu.RawIterations);
    }

    private static void Compare(string what, int step, Parameter[] parameters, (int Start, int End)[] slices, Func<Parameter, float[]> read,
        double[] golden, double noise)
    {
        for (int i = 0; i < slices.Length; i++)
        {
            var ours = read(parameters[i]);
            for (int j = slices[i].Start; j < slices[i].End; j++)
            {
                double o = ours[j - slices[i].Start], g = golden[j];
                double tolerance = 2e-5 * Math.Max(1, Math.Abs(g)) + 10 * noise;
                Assert.True(Math.Abs(o - g) <= tolerance,
                    $"{what} after step {step}, coordinate {j}: ours {o:R}, golden {g:R}, |diff| {Math.Abs(o - g):E3} > {tolerance:E3}");
            }
        }
    }

    private static Dictionary<int, double[]> Checkpoints(JsonElement root, string field) =>
        root.GetProperty(field).EnumerateObject().ToDictionary(p => int.Parse(p.Name, CultureInfo.InvariantCulture), p => Doubles(p.Value));

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
