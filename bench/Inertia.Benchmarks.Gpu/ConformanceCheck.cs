using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Inertia.Gpu;
using Inertia.Optimizers;
using Inertia.Tests.Conformance;
using Xunit.Sdk;

namespace Inertia.Benchmarks.Gpu;

/// <summary>
/// Replays every golden optimizer trajectory under shared/conformance through <see cref="GpuOptimizer"/>
/// on the chosen device, step for step as tests/Inertia.Gpu.Tests' GpuGoldenFileTests does, with the
/// test suite's own reader and checks (the README tolerance). Unlike the test it keeps going after a
/// failed check, so each file's line also gives the worst deviation over all its recorded steps.
/// </summary>
internal static class ConformanceCheck
{
    private sealed record Outcome(string? Failure, double Worst, int WorstStep);

    public static bool Run(GpuContext context, bool quick)
    {
        if (SharedConformance.TryDirectory is not { } directory)
        {
            Console.WriteLine("conformance: FAIL shared/conformance was not found (set INERTIA_SHARED to the folder holding conformance/)");
            return false;
        }
        var all = SharedConformance.Files().ToArray();
        var files = all.Where(f => !f.EndsWith("schedules.json", StringComparison.Ordinal)).ToArray();
        bool complete = all.Length >= 70;
        if (!complete)
            Console.WriteLine($"conformance: FAIL only {all.Length} files under {directory}; the Keras and PyTorch sets hold more than 70");
        if (quick) files = files.Where((_, i) => i % 4 == 0).ToArray();
        Console.WriteLine($"conformance: {files.Length} trajectories from {directory}{(quick ? " (--quick: every 4th)" : "")}");
        int passed = 0;
        foreach (string file in files)
        {
            var watch = Stopwatch.StartNew();
            var outcome = Replay(context, Path.Combine(directory, file));
            if (outcome.Failure is null) passed++;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(outcome.Failure is null ? "pass" : "FAIL")}  {file}  worst |ours - golden| {outcome.Worst:0.00E+00} after step {outcome.WorstStep}  ({watch.Elapsed.TotalSeconds:F1} s){(outcome.Failure is null ? "" : "  first failure: " + outcome.Failure)}"));
        }
        Console.WriteLine($"conformance: {passed} passed, {files.Length - passed} failed of {files.Length}");
        return complete && files.Length > 0 && passed == files.Length;
    }

    private static Outcome Replay(GpuContext context, string path)
    {
        string? failure = null;
        double worst = 0;
        int worstStep = 0;
        void Check(Action check)
        {
            try
            {
                check();
            }
            catch (XunitException e)
            {
                failure ??= e.Message.ReplaceLineEndings(" ");
            }
        }
        void Track(JsonElement root, string field, int step, GoldenTrajectory golden, GoldenTrajectory.Reader read)
        {
            double deviation = Deviation(root, field, step, golden, read);
            // Written so a NaN deviation is kept as the worst.
            if (!(deviation <= worst))
            {
                worst = deviation;
                worstStep = step;
            }
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            var golden = new GoldenTrajectory(root);
            using var arena = new GpuArena(context, golden.Arena);
            using var gpu = new GpuOptimizer(golden.Optimizer, arena);
            GoldenTrajectory.Reader average = p =>
            {
                var values = new float[p.Size];
                gpu.DownloadSlot(p, "average", values);
                return values;
            };
            for (int step = 1; step <= golden.Steps; step++)
            {
                arena.DownloadValues();
                golden.WriteGradients();
                arena.UploadGradients();
                Check(() => golden.CheckLearningRate(step, gpu.LearningRate));
                if (gpu.Apply() == StepResult.SkippedNonFinite)
                    return new Outcome($"step {step} was skipped as non-finite", worst, worstStep);
                if (golden.RecordsParametersAfter(step))
                {
                    arena.DownloadValues();
                    Track(root, "params_after_step", step, golden, p => p.Value.Span);
                    Check(() => golden.CheckParameters(step, p => p.Value.Span));
                }
                if (golden.RecordsAverageAfter(step))
                {
                    Track(root, "ema_after_step", step, golden, average);
                    Check(() => golden.CheckAverage(step, average));
                }
            }
            Check(() => Assert.Equal(golden.Steps, gpu.RawIterations));
            return new Outcome(failure, worst, worstStep);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A file the reader cannot interpret, or an optimizer the device refuses, fails the file, not the run.
            return new Outcome(failure ?? $"{e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}", worst, worstStep);
        }
    }

    /// <summary>Largest |ours − golden| over the coordinates the file records after <paramref name="step"/>.</summary>
    private static double Deviation(JsonElement root, string field, int step, GoldenTrajectory golden, GoldenTrajectory.Reader read)
    {
        var expected = root.GetProperty(field).GetProperty(step.ToString(CultureInfo.InvariantCulture));
        double worst = 0;
        int index = 0;
        foreach (var slice in root.GetProperty("variables").EnumerateArray())
        {
            int start = slice[0].GetInt32();
            var ours = read(golden.Parameters[index++]);
            for (int j = 0; j < ours.Length; j++)
                worst = Math.Max(worst, Math.Abs(ours[j] - expected[start + j].GetDouble()));
        }
        return worst;
    }
}
