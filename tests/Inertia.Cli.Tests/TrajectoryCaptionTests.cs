using System.Globalization;
using System.Text.Json;
using Inertia.Cli.Report;

namespace Inertia.Cli.Tests;

/// <summary>
/// Reads every claim a trajectory caption makes (results.json) against the points the run wrote
/// (trajectories.csv), recomputing each number from the points with the definitions results.json
/// states, so a caption can only say what the paths did.
/// </summary>
public class TrajectoryCaptionTests
{
    private sealed record Function(string Name, int Steps, (double X, double Y)[] Minima, double[] Frame, JsonElement Caption);

    [Fact]
    public void Every_caption_claim_of_the_chapters_race_matches_trajectories_csv()
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run("compare", "--samples", "300", "--epochs", "1", "--quiet", "--out", dir.Path);
        Assert.True(r.ExitCode == 0, r.Error);
        var paths = ReadCsv(dir.File(ReportWriter.TrajectoriesFile));
        using var json = JsonDocument.Parse(File.ReadAllText(dir.File(ReportWriter.ResultsFile)));
        var functions = json.RootElement.GetProperty("trajectories").EnumerateArray().Select(Read).ToList();
        Assert.Equal(4, functions.Count);
        string html = File.ReadAllText(dir.File(ReportWriter.IndexFile));
        foreach (var f in functions)
        {
            var runs = paths[f.Name];
            Assert.Equal(9, runs.Count);
            double tol = f.Caption.GetProperty("tolerance").GetDouble();
            double threshold = f.Caption.GetProperty("crossingThreshold").GetDouble();
            int oscillation = f.Caption.GetProperty("oscillationCrossings").GetInt32();
            var claims = f.Caption.GetProperty("claims").EnumerateArray()
                .ToDictionary(c => c.GetProperty("kind").GetString()!, c => c.GetProperty("optimizers").EnumerateArray().Select(o => o.GetString()!)
                    .Zip(c.GetProperty("values").EnumerateArray().Select(v => v.GetDouble())).ToList());

            // Ranking: every optimizer, in order of its final distance to the nearest minimum, with that distance.
            var ranking = claims["ranking"];
            Assert.Equal(runs.Keys.Order(), ranking.Select(c => c.First).Order());
            foreach (var (o, d) in ranking) Assert.Equal(Distance(f, runs[o][^1]), d, 12);
            Assert.True(ranking.Select(c => c.Second).SequenceEqual(ranking.Select(c => c.Second).Order()), $"{f.Name}: ranking is not nearest first");

            // Reached: exactly the optimizers with a point within the tolerance, each with its first such step.
            var reached = runs.Where(kv => kv.Value.Any(p => Distance(f, p) <= tol))
                .ToDictionary(kv => kv.Key, kv => (double)kv.Value.FindIndex(p => Distance(f, p) <= tol));
            Assert.Equal(reached.OrderBy(kv => kv.Key), claims["reached"].Select(c => KeyValuePair.Create(c.First, c.Second)).OrderBy(kv => kv.Key));

            // Oscillated: exactly the optimizers crossing the nearest minimum's x or y level often enough.
            var crossings = runs.ToDictionary(kv => kv.Key, kv => (double)Crossings(kv.Value, Nearest(f, kv.Value[^1]), threshold));
            Assert.Equal(crossings.Where(kv => kv.Value >= oscillation).OrderBy(kv => kv.Key),
                claims["oscillated"].Select(c => KeyValuePair.Create(c.First, c.Second)).OrderBy(kv => kv.Key));

            // Diverged: exactly the paths with fewer steps than the function's, with the steps they ran.
            Assert.Equal(runs.Where(kv => kv.Value.Count - 1 < f.Steps).Select(kv => KeyValuePair.Create(kv.Key, (double)(kv.Value.Count - 1))).OrderBy(kv => kv.Key),
                claims["diverged"].Select(c => KeyValuePair.Create(c.First, c.Second)).OrderBy(kv => kv.Key));

            // Left the frame: exactly the other paths with a point outside the plotted frame, with the first one.
            var outside = runs.Where(kv => kv.Value.Count - 1 == f.Steps && kv.Value.Any(p => !Inside(f.Frame, p)))
                .Select(kv => KeyValuePair.Create(kv.Key, (double)kv.Value.FindIndex(p => !Inside(f.Frame, p))));
            Assert.Equal(outside.OrderBy(kv => kv.Key), claims["leftFrame"].Select(c => KeyValuePair.Create(c.First, c.Second)).OrderBy(kv => kv.Key));

            // The page shows the caption rendered from these claims, one sentence per item.
            string text = f.Caption.GetProperty("text").GetString()!;
            foreach (string sentence in text.Split(". ", StringSplitOptions.RemoveEmptyEntries))
                Assert.Contains(System.Net.WebUtility.HtmlEncode(sentence.TrimEnd('.')), html);
        }
    }

    [Fact]
    public void The_issue_15_contradictions_are_gone_from_the_default_race()
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run("compare", "--samples", "300", "--epochs", "1", "--quiet", "--out", dir.Path);
        Assert.True(r.ExitCode == 0, r.Error);
        using var json = JsonDocument.Parse(File.ReadAllText(dir.File(ReportWriter.ResultsFile)));
        var captions = json.RootElement.GetProperty("trajectories").EnumerateArray()
            .ToDictionary(t => t.GetProperty("function").GetString()!, t => t.GetProperty("caption"));
        string html = File.ReadAllText(dir.File(ReportWriter.IndexFile));
        Assert.DoesNotContain("crawl faster", html);
        Assert.DoesNotContain("keep moving on the plateau", html);
        // On Beale, SGD ends nearer the minimum than Adam and RMSprop: the ranking says so.
        var beale = captions["Beale"].GetProperty("claims").EnumerateArray().Single(c => c.GetProperty("kind").GetString() == "ranking")
            .GetProperty("optimizers").EnumerateArray().Select(o => o.GetString()).ToList();
        Assert.True(beale.IndexOf("sgd") < beale.IndexOf("adam") && beale.IndexOf("sgd") < beale.IndexOf("rmsprop"), string.Join(",", beale));
    }

    private static Function Read(JsonElement t) => new(
        t.GetProperty("function").GetString()!,
        t.GetProperty("steps").GetInt32(),
        t.GetProperty("minima").EnumerateArray().Select(m => (m[0].GetDouble(), m[1].GetDouble())).ToArray(),
        new[] { "xMin", "xMax", "yMin", "yMax" }.Select(k => t.GetProperty("frame").GetProperty(k).GetDouble()).ToArray(),
        t.GetProperty("caption").Clone());

    private static Dictionary<string, Dictionary<string, List<(double X, double Y)>>> ReadCsv(string file)
    {
        var result = new Dictionary<string, Dictionary<string, List<(double, double)>>>();
        var lines = File.ReadAllLines(file);
        Assert.Equal("function,optimizer,learning_rate,step,x,y,f", lines[0]);
        foreach (string line in lines.Skip(1))
        {
            int close = line.IndexOf("\",", 1, StringComparison.Ordinal);
            string function = line[1..close];
            var cells = line[(close + 2)..].Split(',');
            var byOptimizer = result.TryGetValue(function, out var d) ? d : result[function] = [];
            var points = byOptimizer.TryGetValue(cells[0], out var p) ? p : byOptimizer[cells[0]] = [];
            Assert.Equal(points.Count, int.Parse(cells[2], CultureInfo.InvariantCulture));
            points.Add((double.Parse(cells[3], CultureInfo.InvariantCulture), double.Parse(cells[4], CultureInfo.InvariantCulture)));
        }
        return result;
    }

    private static double Distance(Function f, (double X, double Y) p) => f.Minima.Min(m => Math.Sqrt((p.X - m.X) * (p.X - m.X) + (p.Y - m.Y) * (p.Y - m.Y)));

    private static (double X, double Y) Nearest(Function f, (double X, double Y) p) => f.Minima.MinBy(m => Math.Sqrt((p.X - m.X) * (p.X - m.X) + (p.Y - m.Y) * (p.Y - m.Y)));

    private static bool Inside(double[] frame, (double X, double Y) p) => p.X >= frame[0] && p.X <= frame[1] && p.Y >= frame[2] && p.Y <= frame[3];

    /// <summary>Sign changes of the offset from the minimum, along x and along y, ignoring points within the threshold of it.</summary>
    private static int Crossings(List<(double X, double Y)> points, (double X, double Y) m, double threshold)
    {
        int count = 0;
        foreach (var offsets in new[] { points.Select(p => p.X - m.X), points.Select(p => p.Y - m.Y) })
        {
            double last = 0;
            foreach (double d in offsets.Where(d => Math.Abs(d) > threshold))
            {
                if (last != 0 && Math.Sign(d) != Math.Sign(last)) count++;
                last = d;
            }
        }
        return count;
    }
}
