using System.Text.Json;
using Inertia.Cli.Options;
using Inertia.Cli.Race;
using Inertia.Cli.Report;
using Inertia.Training.Serialization;

namespace Inertia.Cli.Tests;

public class RaceTests
{
    private static readonly string[] SmallRace = ["compare", "--samples", "300", "--epochs", "2", "--batch-size", "32", "--quiet"];

    [Fact]
    public void A_small_race_writes_the_table_and_a_complete_report()
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run([.. SmallRace, "--optimizers", "sgd,adam,adagrad", "--out", dir.Path]);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal("", r.Error);
        foreach (string name in new[] { "SGD", "Adam", "AdaGrad", "Report:" })
            Assert.Contains(name, r.Out);
        Assert.Equal(
            [".", "curves.csv", "index.html", "results.json", "trajectories.csv"],
            Directory.EnumerateFiles(dir.Path).Select(Path.GetFileName).Append(".").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Results_json_and_curves_csv_hold_every_epoch_of_every_optimizer()
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run([.. SmallRace, "--optimizers", "sgd,adam", "--seeds", "2", "--out", dir.Path]);
        Assert.True(r.ExitCode == 0, r.Error);

        using var json = JsonDocument.Parse(File.ReadAllText(dir.File(ReportWriter.ResultsFile)));
        var root = json.RootElement;
        Assert.False(root.GetProperty("cancelled").GetBoolean());
        Assert.Equal(2, root.GetProperty("configuration").GetProperty("epochs").GetInt32());
        Assert.Equal("0.01", root.GetProperty("configuration").GetProperty("optimizers").GetProperty("sgd").GetProperty("learningRate").GetString());
        Assert.Equal(240, root.GetProperty("data").GetProperty("train").GetInt32());
        Assert.Equal(60, root.GetProperty("data").GetProperty("validation").GetInt32());
        var optimizers = root.GetProperty("optimizers").EnumerateArray().ToList();
        Assert.Equal(["sgd", "adam"], optimizers.Select(o => o.GetProperty("name").GetString()));
        Assert.Equal(0, optimizers[0].GetProperty("stateBytesPerParameter").GetDouble());
        Assert.Equal(8, optimizers[1].GetProperty("stateBytesPerParameter").GetDouble());
        foreach (var o in optimizers)
        {
            Assert.InRange(o.GetProperty("speed").GetInt32(), 1, 3);
            var runs = o.GetProperty("runs").EnumerateArray().ToList();
            Assert.Equal([42UL, 43UL], runs.Select(x => x.GetProperty("seed").GetUInt64()));
            Assert.All(runs, x => Assert.Equal([0, 1, 2], x.GetProperty("epochs").EnumerateArray().Select(e => e.GetProperty("epoch").GetInt32())));
        }
        Assert.Equal(4, root.GetProperty("trajectories").GetArrayLength());

        var lines = File.ReadAllLines(dir.File(ReportWriter.CurvesFile));
        Assert.Equal(CurvesCsv.Header, lines[0]);
        Assert.Equal(2 * 2 * 3, lines.Length - 1);
        // Every number in the CSV is the one in results.json.
        var adamSeed43Epoch2 = lines.Single(l => l.StartsWith("adam,43,2,", StringComparison.Ordinal)).Split(',');
        var fromJson = optimizers[1].GetProperty("runs")[1].GetProperty("epochs")[2];
        Assert.Equal(fromJson.GetProperty("validationAccuracy").GetDouble(), double.Parse(adamSeed43Epoch2[7], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(fromJson.GetProperty("validationLoss").GetDouble(), double.Parse(adamSeed43Epoch2[6], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_diverging_optimizer_is_reported_with_its_overflowed_steps_and_the_race_still_completes()
    {
        // RMSprop's first step is about 3.16·η·sign(g) per element: at η = 3e38 it overflows float32.
        using var dir = new TempDirectory();
        var r = CliRunner.Run([.. SmallRace, "--optimizers", "rmsprop,adam", "--set", "rmsprop.learningRate=3e38", "--no-trajectories", "--out", dir.Path]);
        Assert.True(r.ExitCode == 0, r.Error);
        using var json = JsonDocument.Parse(File.ReadAllText(dir.File(ReportWriter.ResultsFile)));
        var runs = json.RootElement.GetProperty("optimizers").EnumerateArray()
            .ToDictionary(o => o.GetProperty("name").GetString()!, o => o.GetProperty("runs")[0]);
        Assert.True(runs["rmsprop"].GetProperty("overflowedSteps").GetInt32() > 0, runs["rmsprop"].ToString());
        Assert.Equal(0, runs["adam"].GetProperty("overflowedSteps").GetInt32());
    }

    [Fact]
    public void Every_optimizer_starts_from_the_same_weights_and_sees_the_same_batches()
    {
        // Momentum with β = 0 at SGD's learning rate is SGD: with the same initial weights and the
        // same batches in the same order, the two runs must agree bit for bit.
        using var dir = new TempDirectory();
        var r = CliRunner.Run([.. SmallRace, "--optimizers", "sgd,momentum,adam", "--set", "momentum.momentum=0", "--set", "momentum.learningRate=0.01", "--no-trajectories", "--out", dir.Path]);
        Assert.True(r.ExitCode == 0, r.Error);
        using var json = JsonDocument.Parse(File.ReadAllText(dir.File(ReportWriter.ResultsFile)));
        var runs = json.RootElement.GetProperty("optimizers").EnumerateArray().Select(o => o.GetProperty("runs")[0]).ToList();
        Assert.Single(runs.Select(x => x.GetProperty("initialWeightsHash").GetString()).Distinct());
        foreach (int epoch in new[] { 0, 1, 2 })
            foreach (string metric in new[] { "trainLoss", "trainAccuracy", "validationLoss", "validationAccuracy" })
                Assert.Equal(runs[0].GetProperty("epochs")[epoch].GetProperty(metric).GetDouble(), runs[1].GetProperty("epochs")[epoch].GetProperty(metric).GetDouble());
        Assert.NotEqual(runs[0].GetProperty("epochs")[2].GetProperty("validationLoss").GetDouble(), runs[2].GetProperty("epochs")[2].GetProperty("validationLoss").GetDouble());
    }

    [Fact]
    public void Ctrl_c_stops_the_race_and_the_report_keeps_what_finished()
    {
        using var dir = new TempDirectory();
        var options = CompareOptions.From(ArgumentParser.Parse("compare", CompareOptions.Specs, ["--samples", "300", "--epochs", "1", "--optimizers", "sgd,adam,nadam"]));
        var data = RaceData.Load(options.Data, options.Seed, CancellationToken.None);
        var model = options.Model.Resolve(data.Train.FeatureSize, data.Train.ClassCount);
        using var cancel = new CancellationTokenSource();
        var observer = new CancelAfterFirstRun(cancel);
        using var device = TrainingDevice.Open(options.Device, TextWriter.Null);
        var (runs, cancelled) = new RaceRunner(options, model, data, device, observer, RaceShare.All).Run(cancel.Token);
        Assert.True(cancelled);
        Assert.Equal(["sgd"], runs.Select(x => x.Optimizer));
        // The second run was stopped between two batches, before finishing its first epoch.
        Assert.Equal(["sgd", "adam"], observer.Started);
    }

    [Fact]
    public void A_partial_race_says_so_and_compares_only_what_ran()
    {
        var options = CompareOptions.From(ArgumentParser.Parse("compare", CompareOptions.Specs, ["--samples", "300", "--epochs", "1", "--optimizers", "sgd,momentum,adam", "--set", "momentum.learningRate=0.01"]));
        var data = RaceData.Load(options.Data, options.Seed, CancellationToken.None);
        var model = options.Model.Resolve(data.Train.FeatureSize, data.Train.ClassCount);
        using var cancel = new CancellationTokenSource();
        using var device = TrainingDevice.Open(options.Device, TextWriter.Null);
        var (runs, cancelled) = new RaceRunner(options, model, data, device, new CancelAfterFirstRun(cancel), RaceShare.All).Run(cancel.Token);
        Assert.True(cancelled);
        var race = new RaceResult(options, model, "inertia compare", data.Summarize(), runs,
            Inertia.Cli.Ratings.Summarizer.Summarize(runs, options.TargetAccuracy, options.Epochs), [],
            MachineInfo.Current(1, "CPU"), DateTimeOffset.UtcNow, 1, cancelled);
        Assert.Equal(["sgd", "momentum"], race.Summaries.Select(s => s.Optimizer));
        string html = HtmlReport.Render(race);
        Assert.Contains("Partial race", html);
        Assert.Contains("only SGD, Momentum completed every seed, and Adam did not run", html);
        Assert.DoesNotContain("as fast as the adaptive methods", html);
        // Whatever the explanations say, they name no optimizer that did not run.
        Assert.All(race.Summaries.Where(s => s.Explanation is not null), s => Assert.DoesNotContain("Adam", s.Explanation));
    }

    [Fact]
    public void A_race_cancelled_before_any_optimizer_finished_exits_130_and_writes_no_report()
    {
        using var dir = new TempDirectory();
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var r = CliRunner.Run(cancel.Token, [.. SmallRace, "--optimizers", "sgd", "--out", dir.Path]);
        Assert.Equal(ExitCodes.Cancelled, r.ExitCode);
        Assert.Contains("Interrupted before any optimizer finished", r.Out);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public void The_report_is_written_atomically_and_leaves_no_temporary_files()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File(ReportWriter.IndexFile), "old");
        var r = CliRunner.Run([.. SmallRace, "--optimizers", "adam", "--out", dir.Path]);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(dir.File(ReportWriter.IndexFile)));
        Assert.Empty(Directory.EnumerateFiles(dir.Path, "*.tmp"));
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(dir.File("x.json"), _ => throw new InvalidOperationException("disk full")));
        Assert.False(File.Exists(dir.File("x.json")));
        Assert.Empty(Directory.EnumerateFiles(dir.Path, "*.tmp", new EnumerationOptions { AttributesToSkip = 0 }));
    }

    [Fact]
    public void Train_saves_a_model_that_evaluate_loads()
    {
        using var dir = new TempDirectory();
        string file = dir.File("m.inertia");
        var t = CliRunner.Run("train", "--samples", "300", "--epochs", "1", "--optimizer", "sgd", "--set", "momentum=0.9", "--model", "784-32-10", "--output", file, "--quiet");
        Assert.True(t.ExitCode == 0, t.Error);
        Assert.True(File.Exists(file));
        var e = CliRunner.Run("evaluate", "--model", file, "--samples", "300");
        Assert.True(e.ExitCode == 0, e.Error);
        Assert.Contains("accuracy", e.Out);
        Assert.Contains("Per class", e.Out);
        Assert.Contains("triangle", e.Out);
    }

    [Fact]
    public void Train_takes_a_learning_rate_schedule_as_keras_json()
    {
        using var dir = new TempDirectory();
        string file = dir.File("s.inertia");
        const string schedule = """{"class_name": "ExponentialDecay", "config": {"initial_learning_rate": 0.05, "decay_steps": 100, "decay_rate": 0.5}}""";
        var t = CliRunner.Run("train", "--samples", "300", "--epochs", "1", "--optimizer", "sgd", "--schedule", schedule, "--model", "784-16-10", "--output", file, "--quiet");
        Assert.True(t.ExitCode == 0, t.Error);
        Assert.Contains("ExponentialDecay", t.Out);
        Assert.True(File.Exists(file));
        var bad = CliRunner.Run("train", "--samples", "300", "--optimizer", "sgd", "--schedule", """{"class_name": "Nope"}""", "--output", dir.File("x.inertia"), "--quiet");
        Assert.Equal(ExitCodes.Usage, bad.ExitCode);
        Assert.Contains("is not a valid schedule", bad.Error);
        Assert.False(File.Exists(dir.File("x.inertia")));
    }

    [Fact]
    public void Evaluate_of_a_corrupt_model_file_is_one_line()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("bad.inertia"), "not a model");
        var r = CliRunner.Run("evaluate", "--model", dir.File("bad.inertia"), "--samples", "100");
        Assert.Equal(ExitCodes.Data, r.ExitCode);
        Assert.Contains("bad.inertia", r.Error);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
    }

    private sealed class CancelAfterFirstRun(CancellationTokenSource cancel) : IRaceObserver
    {
        public List<string> Started { get; } = [];

        public void RunStarted(string optimizer, ulong seed, int epochs, int batchesPerEpoch) => Started.Add(optimizer);

        public void BatchDone(string optimizer, ulong seed, int epoch, int batch, double runningLoss)
        {
            if (optimizer == "adam" && batch == 2) cancel.Cancel();
        }

        public void RunFinished(RunResult run) { }
    }
}
