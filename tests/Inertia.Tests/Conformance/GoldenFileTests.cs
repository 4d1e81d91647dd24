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
        var golden = new GoldenTrajectory(root);
        var optimizer = golden.Optimizer;
        optimizer.Build(golden.Arena);
        for (int step = 1; step <= golden.Steps; step++)
        {
            golden.WriteGradients();
            golden.CheckLearningRate(step, optimizer.LearningRate);
            Assert.NotEqual(StepResult.SkippedNonFinite, optimizer.Apply());
            if (golden.RecordsParametersAfter(step))
                golden.CheckParameters(step, p => p.Value.Span);
            if (golden.RecordsAverageAfter(step))
                golden.CheckAverage(step, p => optimizer.GetSlot(p, "average"));
        }
    }
}
