using System.Globalization;
using System.Text.Json;
using Inertia.Optimizers;
using Inertia.Schedules;
using Inertia.Tensors;

namespace Inertia.Tests.Conformance;

/// <summary>
/// Replays every golden file under shared/conformance in float32 and holds Inertia to the README's
/// tolerance at every recorded step: |ours − golden| ≤ 2e-5·max(1, |golden|) + 10·relative_noise_6e-8.
/// </summary>
public class GoldenFileTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        if (SharedConformance.TryDirectory is null)
        {
            data.Add("<shared/conformance not found>");
            return data;
        }
        foreach (var file in SharedConformance.Files()) data.Add(file);
        return data;
    }

    [Fact]
    public void Conformance_folder_is_found_and_holds_golden_files()
    {
        Assert.True(SharedConformance.Files().Count() >= 70, "expected the Keras and PyTorch golden files");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Golden_file_is_reproduced_in_float32(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(SharedConformance.Directory, file)));
        var root = doc.RootElement;
        if (root.TryGetProperty("schedules", out var schedules))
            CheckSchedules(root, schedules);
        else
            CheckTrajectory(root);
    }

    private static void CheckSchedules(JsonElement root, JsonElement schedules)
    {
        foreach (var field in root.EnumerateObject())
            Assert.Contains(field.Name, new[] { "convention", "source", "what", "schedules" });
        int checkedValues = 0;
        foreach (var entry in schedules.EnumerateArray())
        {
            foreach (var field in entry.EnumerateObject())
                Assert.Contains(field.Name, new[] { "name", "schedule", "steps", "values", "omitted_ambiguous_steps" });
            var schedule = LearningRateSchedule.FromJson(entry.GetProperty("schedule"));
            var roundTrip = LearningRateSchedule.FromJson(schedule.ToJson());
            var steps = entry.GetProperty("steps").EnumerateArray().Select(s => s.GetInt64()).ToArray();
            var values = entry.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.Equal(steps.Length, values.Length);
            for (int i = 0; i < steps.Length; i++)
            {
                double ours = schedule.Evaluate(steps[i]);
                Assert.True(Math.Abs(ours - values[i]) <= 1e-9 * Math.Abs(values[i]) + 1e-15,
                    $"{entry.GetProperty("name")} at step {steps[i]}: ours {ours:R}, golden {values[i]:R}");
                Assert.Equal(ours, roundTrip.Evaluate(steps[i]));
                checkedValues++;
            }
        }
        Assert.True(checkedValues > 0);
    }

    private static void CheckTrajectory(JsonElement root)
    {
        GoldenCase.RejectUnknownFields(root);
        var optimizer = GoldenCase.CreateOptimizer(root);
        var problem = root.GetProperty("problem");
        double[] a = Doubles(problem.GetProperty("a")), c = Doubles(problem.GetProperty("c"));
        double[] p0 = Doubles(root.GetProperty("initial_params"));
        int steps = root.GetProperty("steps").GetInt32();
        double noise = root.GetProperty("sensitivity").GetProperty("relative_noise_6e-8").GetDouble();

        var slices = root.GetProperty("variables").EnumerateArray()
            .Select(v => (Start: v[0].GetInt32(), End: v[1].GetInt32())).ToArray();
        Assert.Equal(p0.Length, slices[^1].End);
        var parameters = slices.Select((s, i) => new Parameter($"var{i}", new Shape(s.End - s.Start))).ToArray();
        var arena = new ParameterArena(parameters);
        for (int i = 0; i < slices.Length; i++)
            for (int j = slices[i].Start; j < slices[i].End; j++)
                parameters[i].Value.Span[j - slices[i].Start] = (float)p0[j];
        optimizer.Build(arena);

        double[]? lrUsed = root.TryGetProperty("lr_used_per_step", out var lr) ? Doubles(lr) : null;
        var expected = Checkpoints(root, "params_after_step");
        var expectedEma = root.TryGetProperty("ema_after_step", out _) ? Checkpoints(root, "ema_after_step") : null;
        Assert.NotEmpty(expected);

        for (int step = 1; step <= steps; step++)
        {
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
            if (lrUsed is not null)
            {
                double ours = optimizer.LearningRate, golden = lrUsed[step - 1];
                Assert.True(Math.Abs(ours - golden) <= 1e-9 * Math.Abs(golden) + 1e-15,
                    $"learning rate of call {step}: ours {ours:R}, golden {golden:R}");
            }
            Assert.NotEqual(StepResult.SkippedNonFinite, optimizer.Apply());
            if (expected.TryGetValue(step, out var golden1))
                Compare("params", step, parameters, slices, p => p.Value.Span, golden1, noise);
            if (expectedEma is not null && expectedEma.TryGetValue(step, out var golden2))
                Compare("ema", step, parameters, slices, p => optimizer.GetSlot(p, "average"), golden2, noise);
        }
        Assert.True(expected.Keys.Max() <= steps);
    }

    private delegate ReadOnlySpan<float> Reader(Parameter parameter);

    private static void Compare(string what, int step, Parameter[] parameters, (int Start, int End)[] slices, Reader read,
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
        root.GetProperty(field).EnumerateObject()
            .ToDictionary(p => int.Parse(p.Name, CultureInfo.InvariantCulture), p => Doubles(p.Value));

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
