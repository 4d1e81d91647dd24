using System.Text.RegularExpressions;

namespace Inertia.Cli.Tests;

public class TrainOutputTests
{
    [Fact]
    public void Redirected_train_writes_one_line_per_epoch_with_each_metric_once_and_no_carriage_return()
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run("train", "--samples", "300", "--epochs", "2", "--optimizer", "sgd", "--model", "784-16-10", "--output", dir.File("m.inertia"));
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.DoesNotContain('\r', r.Out);
        var epochs = r.Out.Split('\n').Where(l => l.StartsWith("Epoch ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, epochs.Length);
        for (int i = 0; i < 2; i++)
        {
            string line = epochs[i].TrimEnd();
            Assert.Matches($@"^Epoch {i + 1}/2 - (\d+s|\d+:\d\d) - ", line);
            foreach (string key in new[] { "loss", "accuracy", "val_loss", "val_accuracy" })
                Assert.Single(Regex.Matches(line, $@" - {key}: \d+\.\d{{4}}( |$)"));
        }
    }

    [Fact]
    public void Quiet_train_writes_no_epoch_lines()
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run("train", "--samples", "300", "--epochs", "2", "--optimizer", "sgd", "--model", "784-16-10", "--output", dir.File("m.inertia"), "--quiet");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.DoesNotContain(r.Out.Split('\n'), l => l.StartsWith("Epoch ", StringComparison.Ordinal));
    }
}
