using System.Text.Json.Nodes;

namespace Inertia.Distributed.Tests;

/// <summary><c>mpiexec -n 2 inertia compare</c> spreads the runs over the ranks; rank 0 writes the one report.</summary>
public sealed class RaceTests
{
    [Fact]
    public void Compare_on_two_ranks_writes_the_numbers_of_one_process()
    {
        using var dir = new TempDirectory();
        string csv = dir.File("data.csv");
        File.WriteAllLines(csv, Enumerable.Range(0, 90).Select(i => $"{Math.Sin(i) :0.000},{Math.Cos(i * 0.7):0.000},{i % 3}"));
        string[] Compare(string output) => [Mpiexec.Cli, "compare", "--csv", csv, "--label", "2", "--model", "2-8-3", "--epochs", "2",
            "--batch-size", "8", "--optimizers", "sgd,adam,lion", "--seeds", "2", "--no-trajectories", "--quiet", "--threads", "1", "--out", dir.File(output)];

        Mpiexec.Succeed(0, TimeSpan.FromMinutes(1), Compare("one"));
        Mpiexec.Succeed(2, TimeSpan.FromMinutes(1), Compare("two"));

        var one = Numbers(dir.File("one/results.json"));
        var two = Numbers(dir.File("two/results.json"));
        Assert.Equal(one.ToJsonString(), two.ToJsonString());
        Assert.True(File.Exists(dir.File("two/index.html")));
    }

    // Everything but the clock, the command line and the machine line, which differ by design.
    private static JsonNode Numbers(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        Strip(root);
        return root;
    }

    private static void Strip(JsonNode? node)
    {
        if (node is JsonObject o)
        {
            foreach (string key in new[] { "started", "seconds", "commandLine", "trainingDevice" }) o.Remove(key);
            foreach (var (_, child) in o) Strip(child);
        }
        else if (node is JsonArray a)
            foreach (var child in a) Strip(child);
    }
}
