using Inertia.Training.Callbacks;
using static Inertia.Tests.Training.TrainingFixtures;

namespace Inertia.Tests.Training;

public class ProgbarLoggerTests
{
    [Fact]
    public void Redirected_output_gets_one_line_per_epoch_with_each_log_once_and_no_carriage_return()
    {
        var (x, y) = Regression(64, seed: 17);
        var model = RichMlp();
        var text = new StringWriter();
        var history = model.Fit(x, y, epochs: 3, batchSize: 8, verbose: 0, validationSplit: 0.25, callbacks: [new ProgbarLogger(text)]);
        string output = text.ToString();

        Assert.DoesNotContain('\r', output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2 * 3, lines.Length);
        string[] keys = [.. history.Keys];
        Assert.Contains("val_loss", keys);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            Assert.Equal($"Epoch {epoch + 1}/3", lines[2 * epoch]);
            string final = lines[2 * epoch + 1];
            Assert.StartsWith("6/6 [==============================] - ", final);
            foreach (var key in keys)
                Assert.Single(System.Text.RegularExpressions.Regex.Matches(final, $" - {key}: "));
        }
    }

    [Fact]
    public void A_terminal_gets_the_bar_redrawn_in_place_then_one_final_line_per_epoch()
    {
        var (x, y) = Regression(64, seed: 17);
        var model = RichMlp();
        var text = new StringWriter();
        model.Fit(x, y, epochs: 2, batchSize: 8, verbose: 0, callbacks: [new ProgbarLogger(text, interactive: true)]);
        string output = text.ToString();

        // The first batch is always drawn; its ETA is in whole seconds or m:ss, never a fraction.
        Assert.Matches(@"\r1/8 \[=*>\.+\] - ETA: (\d+s|\d+:\d\d) - loss: \d+\.\d{4} - ", output);
        Assert.DoesNotMatch(@"ETA: \d+\.\d", output);
        var finals = output.Split('\n').Where(l => l.Contains("8/8")).ToArray();
        Assert.Equal(2, finals.Length);
        foreach (var line in finals)
        {
            // The final draw is the last thing on its line, and names the loss once.
            string last = line.Split('\r')[^1].TrimEnd();
            Assert.StartsWith("8/8 [==============================] - ", last);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(last, " - loss: "));
        }
    }

    [Theory]
    [InlineData(0.4, "0s")]
    [InlineData(7.5, "8s")]
    [InlineData(59.4, "59s")]
    [InlineData(59.6, "1:00")]
    [InlineData(75, "1:15")]
    [InlineData(3725, "1:02:05")]
    public void Durations_show_whole_seconds_or_minutes_and_seconds(double seconds, string expected) =>
        Assert.Equal(expected, ProgbarLogger.Duration(seconds));
}
