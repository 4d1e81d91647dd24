using Inertia.Data;
using Inertia.Initializers;
using Inertia.Layers;
using Inertia.Optimizers;
using Inertia.Tensors;
using Inertia.Training;

namespace Inertia.Tests.Docs;

/// <summary>The README's quick start, run as written: if it stops compiling or working, this fails.</summary>
public class QuickStartTests
{
    private const string Begin = "// README quick start begins";
    private const string End = "// README quick start ends";

    [Fact]
    public void The_readme_quick_start_trains_a_model_that_beats_chance_by_far()
    {
        // README quick start begins
        // 10-class procedural 28×28 images: the first 80% train, the last 20% validate.
        var (train, valid) = SyntheticShapes.Generate(5_000, seed: 42).Split(0.2);

        var model = new Sequential(new Shape(28, 28));
        model.Add(new Flatten());
        model.Add(new Dense(300, "relu", new HeNormal()));
        model.Add(new Dense(100, "relu", new HeNormal()));
        model.Add(new Dense(10, "softmax"));
        model.Build(seed: 42);

        model.Compile(new Adam(learningRate: 0.001), "sparse_categorical_crossentropy", "accuracy");
        var history = model.Fit(train.Features, train.Targets, epochs: 5, batchSize: 32,
            validationData: (valid.Features, valid.Targets));

        var metrics = model.Evaluate(valid.Features, valid.Targets);
        Console.WriteLine($"validation accuracy {metrics["accuracy"]:P2}, loss {metrics["loss"]:F4}");
        model.Save("shapes.inertia");
        // README quick start ends
        Assert.True(metrics["accuracy"] > 0.5, $"accuracy {metrics["accuracy"]:P2}");
        Assert.Equal(5, history.Epochs.Count);
        Assert.True(File.Exists("shapes.inertia"));
        File.Delete("shapes.inertia");
    }

    [Fact]
    public void The_readme_quick_start_is_the_code_this_test_runs()
    {
        string root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        int start = readme.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        int end = readme.IndexOf("```", start, StringComparison.Ordinal);
        var documented = Lines(readme[start..end]).Where(l => !l.StartsWith("using ", StringComparison.Ordinal));

        var source = File.ReadAllText(Path.Combine(root, "tests", "Inertia.Tests", "Docs", "QuickStartTests.cs"));
        int from = source.IndexOf(Begin + "\n", StringComparison.Ordinal) + Begin.Length + 1;
        int to = source.IndexOf("        " + End, from, StringComparison.Ordinal);
        Assert.Equal(documented, Lines(source[from..to]));
    }

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Inertia.slnx")))
                return dir.FullName;
        throw new DirectoryNotFoundException($"No Inertia.slnx above {AppContext.BaseDirectory}.");
    }
}
