using Inertia.FaultHost;
using Inertia.Training;

// A child process for the fault tests (tests/Inertia.Tests/Reliability): it is killed or
// restarted by the test, so each mode does its work and reports progress on stdout.
return args switch
{
    ["save-loop", var path] => SaveLoop(path),
    ["resume", var input, var output, var epochs] => Resume(input, output, int.Parse(epochs, System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

// Resumes from the checkpoint at path (or starts at version 0), then saves version after
// version until killed. "ready" comes after the first step and save, once the code is compiled,
// so the test's random delays land in the steady loop rather than in start-up.
static int SaveLoop(string path)
{
    Sequential model;
    if (File.Exists(path)) model = Sequential.Load(path);
    else
    {
        model = Scenarios.Model("adam");
        model.Save(path);
    }
    Scenarios.Step(model);
    model.Save(path);
    Console.WriteLine($"ready {model.Optimizer.Iterations}");
    Console.Out.Flush();
    while (true)
    {
        Scenarios.Step(model);
        model.Save(path);
    }
}

// Loads a checkpoint, trains on with Fit up to the given epoch, and saves the result.
static int Resume(string input, string output, int epochs)
{
    var model = Sequential.Load(input);
    var (x, y) = Scenarios.Data();
    model.Fit(x, y, epochs: epochs, batchSize: Scenarios.BatchSize, verbose: 0, initialEpoch: model.CompletedEpochs);
    model.Save(output);
    Console.WriteLine($"done {model.Optimizer.Iterations}");
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: Inertia.FaultHost save-loop <checkpoint> | resume <in> <out> <epochs>");
    return 2;
}
