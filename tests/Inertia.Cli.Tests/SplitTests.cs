using System.Text.Json;
using Inertia.Cli.Options;
using Inertia.Cli.Race;
using Inertia.Cli.Report;
using Inertia.Tests.Data;

namespace Inertia.Cli.Tests;

public class SplitTests
{
    private static string[] IrisRace(string outDir, params string[] extra) =>
        ["compare", "--csv", SharedData.Iris, "--label", "4", "--model", "4-16-3", "--batch-size", "8", "--epochs", "2",
         "--optimizers", "sgd,adam", "--no-trajectories", "--quiet", "--out", outDir, .. extra];

    [Fact]
    public void The_sorted_iris_file_split_unshuffled_warns_with_the_counts_in_the_cli_and_the_report()
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run(IrisRace(dir.Path));
        Assert.True(r.ExitCode == 0, r.Error);
        // Keras's validation_split takes the last 30 rows: all virginica.
        const string counts = "training [setosa 50, versicolor 50, virginica 20], validation [setosa 0, versicolor 0, virginica 30]";
        Assert.Contains("inertia: warning: the unshuffled split leaves class setosa, versicolor out of validation and validates on class virginica only", r.Error);
        Assert.Contains(counts, r.Error);
        Assert.Contains("--shuffle-split", r.Error);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
        Assert.Contains(System.Net.WebUtility.HtmlEncode(counts), File.ReadAllText(dir.File(ReportWriter.IndexFile)));
        using var json = JsonDocument.Parse(File.ReadAllText(dir.File(ReportWriter.ResultsFile)));
        var data = json.RootElement.GetProperty("data");
        Assert.Equal([50, 50, 20], data.GetProperty("trainClassCounts").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([0, 0, 30], data.GetProperty("validationClassCounts").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Contains("--shuffle-split", data.GetProperty("splitWarning").GetString());
    }

    [Fact]
    public void Shuffle_split_puts_every_iris_class_on_both_sides_and_does_not_warn()
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run(IrisRace(dir.Path, "--shuffle-split"));
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal("", r.Error);
        using var json = JsonDocument.Parse(File.ReadAllText(dir.File(ReportWriter.ResultsFile)));
        var data = json.RootElement.GetProperty("data");
        Assert.Equal([40, 40, 40], data.GetProperty("trainClassCounts").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([10, 10, 10], data.GetProperty("validationClassCounts").EnumerateArray().Select(e => e.GetInt32()));
        Assert.False(data.TryGetProperty("splitWarning", out _));
        Assert.Contains("stratified with seed 42", data.GetProperty("description").GetString());
        Assert.True(json.RootElement.GetProperty("configuration").GetProperty("shuffleSplit").GetBoolean());
    }

    [Fact]
    public void Shuffle_split_is_seeded_and_keeps_every_sample_once()
    {
        var a = RaceData.Load(new DataOptions(null, SharedData.Iris, "4", 0.2, 0, ShuffleSplit: true), 7, CancellationToken.None);
        var b = RaceData.Load(new DataOptions(null, SharedData.Iris, "4", 0.2, 0, ShuffleSplit: true), 7, CancellationToken.None);
        var c = RaceData.Load(new DataOptions(null, SharedData.Iris, "4", 0.2, 0, ShuffleSplit: true), 8, CancellationToken.None);
        Assert.Equal(a.Validation.Features.Span.ToArray(), b.Validation.Features.Span.ToArray());
        Assert.NotEqual(a.Validation.Features.Span.ToArray(), c.Validation.Features.Span.ToArray());
        Assert.Equal(150, a.Train.Count + a.Validation.Count);
        Assert.Null(a.SplitWarning);
    }

    [Fact]
    public void The_built_in_set_split_unshuffled_is_balanced_and_does_not_warn()
    {
        var data = RaceData.Load(new DataOptions(null, null, null, 0.2, 300), 42, CancellationToken.None);
        Assert.Null(data.SplitWarning);
        Assert.All(data.Validation.ClassCounts(), n => Assert.True(n > 0));
    }
}
