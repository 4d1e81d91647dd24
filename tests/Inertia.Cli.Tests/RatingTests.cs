using Inertia.Cli.Race;
using Inertia.Cli.Ratings;

namespace Inertia.Cli.Tests;

public class RatingTests
{
    private static readonly Dictionary<string, string> Chapter = new()
    {
        ["sgd"] = "learningRate=0.01", ["momentum"] = "learningRate=0.001,momentum=0.9", ["adagrad"] = "learningRate=0.001", ["adam"] = "learningRate=0.001",
    };

    private static RunResult Run(string optimizer, params (double ValLoss, double ValAcc)[] epochs)
    {
        var settings = Chapter[optimizer].Split(',').Select(kv => kv.Split('=')).ToDictionary(p => p[0], p => p[1]);
        var records = new List<EpochRecord> { new(0, 0, 2.3, 0.1, 2.3, 0.1) };
        for (int i = 0; i < epochs.Length; i++)
            records.Add(new EpochRecord(i + 1, 10.0 * (i + 1), epochs[i].ValLoss, epochs[i].ValAcc, epochs[i].ValLoss, epochs[i].ValAcc));
        return new RunResult(optimizer, 42, settings, records, 8, "same", 0, 0);
    }

    [Fact]
    public void Validation_loss_area_is_the_trapezoid_rule_from_epoch_zero()
    {
        var run = Run("adam", (0.3, 0.9), (0.1, 0.95));
        Assert.Equal((2.3 + 0.3) / 2 + (0.3 + 0.1) / 2, run.ValidationLossArea(), 12);
    }

    [Fact]
    public void Target_is_the_first_epoch_at_or_above_it()
    {
        var rows = Summarizer.Summarize([Run("adam", (0.5, 0.85), (0.3, 0.9), (0.2, 0.95)), Run("sgd", (0.9, 0.7), (0.8, 0.75), (0.7, 0.8))], 0.9, 3);
        var adam = rows.Single(r => r.Optimizer == "adam");
        Assert.Equal(1, adam.ReachedTarget);
        Assert.Equal(2, adam.EpochsToTarget.Mean);
        Assert.Equal(20, adam.SecondsToTarget.Mean);
        Assert.Equal("2 ep / 20.0 s", adam.TargetText);
        Assert.Equal("not reached", rows.Single(r => r.Optimizer == "sgd").TargetText);
    }

    [Theory]
    [InlineData(1.0, 3)]
    [InlineData(1.2, 3)]
    [InlineData(1.21, 2)]
    [InlineData(1.5, 2)]
    [InlineData(1.51, 1)]
    public void Speed_stars_follow_the_area_ratio_to_the_fastest(double ratio, int stars) =>
        Assert.Equal(stars, RatingRule.Speed(ratio * 2.0, 2.0));

    [Theory]
    [InlineData(0.0, 3)]
    [InlineData(1.0, 3)]
    [InlineData(1.01, 2)]
    [InlineData(3.0, 2)]
    [InlineData(3.01, 1)]
    public void Quality_stars_follow_the_accuracy_gap_in_points(double gapPoints, int stars) =>
        Assert.Equal(stars, RatingRule.Quality(0.97 - gapPoints / 100, 0.97));

    [Fact]
    public void Mean_and_std_are_over_seeds()
    {
        var a = Run("adam", (0.2, 0.90)) with { Seed = 1 };
        var b = Run("adam", (0.2, 0.94)) with { Seed = 2 };
        var row = Summarizer.Summarize([a, b], 0.99, 1).Single();
        Assert.Equal(0.92, row.FinalAccuracy.Mean, 12);
        Assert.Equal(Math.Sqrt(2 * 0.02 * 0.02), row.FinalAccuracy.Std, 12);
        Assert.Equal("0.920 ± 0.028", row.FinalAccuracy.Format("0.000"));
        Assert.Equal("92.00 ± 2.83%", ResultColumns.Cells(row)[4]);
    }

    [Fact]
    public void Momentum_as_slow_as_sgd_is_explained_by_its_terminal_velocity()
    {
        var rows = Summarizer.Summarize([
            Run("sgd", (0.80, 0.90), (0.60, 0.93)),
            Run("momentum", (0.80, 0.90), (0.60, 0.93)),
            Run("adam", (0.10, 0.96), (0.08, 0.97)),
        ], 0.95, 2);
        var momentum = rows.Single(r => r.Optimizer == "momentum");
        Assert.Equal(1, momentum.Speed);
        Assert.True(momentum.SpeedDisagrees);
        Assert.Contains("terminal velocity is lr/(1−β) = 0.01", momentum.Explanation);
        Assert.Contains("exactly the step SGD takes at its 0.01", momentum.Explanation);
        Assert.Equal(ResultColumns.DisagreeMark, ResultColumns.Cells(momentum)[^1]);
    }

    [Fact]
    public void Adagrad_that_lags_is_the_books_stops_too_early()
    {
        var rows = Summarizer.Summarize([Run("adagrad", (1.2, 0.6), (1.1, 0.65)), Run("adam", (0.1, 0.96), (0.08, 0.97))], 0.95, 2);
        var adagrad = rows.Single(r => r.Optimizer == "adagrad");
        Assert.Equal((1, 1), (adagrad.Speed, adagrad.Quality));
        Assert.True(adagrad.SpeedDisagrees);
        Assert.False(adagrad.QualityDisagrees);
        Assert.Contains("stops too early", adagrad.Explanation);
    }

    [Fact]
    public void Agreement_with_the_book_has_no_mark_and_no_explanation()
    {
        var rows = Summarizer.Summarize([Run("adam", (0.1, 0.96), (0.08, 0.97)), Run("sgd", (0.5, 0.9), (0.4, 0.969))], 0.95, 2);
        var adam = rows.Single(r => r.Optimizer == "adam");
        Assert.False(adam.Disagrees);
        Assert.Null(adam.Explanation);
        Assert.Equal("", ResultColumns.Cells(adam)[^1]);
    }

    [Fact]
    public void The_fastest_optimizer_is_not_compared_with_itself()
    {
        var rows = Summarizer.Summarize([Run("sgd", (0.1, 0.90), (0.08, 0.91)), Run("adam", (0.2, 0.96), (0.15, 0.97))], 0.95, 2);
        var sgd = rows.Single(r => r.Optimizer == "sgd");
        Assert.Equal(3, sgd.Speed);
        Assert.Contains("SGD measured ★★★ for speed where the book says ★: it had the smallest validation-loss area in the race.", sgd.Explanation);
        Assert.Contains("its final validation accuracy is 6 points below the best (Adam)", sgd.Explanation);
    }
}
