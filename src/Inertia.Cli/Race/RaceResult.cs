using Inertia.Cli.Options;
using Inertia.Cli.Ratings;
using Inertia.Cli.Trajectories;

namespace Inertia.Cli.Race;

/// <summary>Everything a race measured, as the console table and the report show it.</summary>
internal sealed record RaceResult(
    CompareOptions Options,
    ModelSpec Model,
    string CommandLine,
    DataSummary Data,
    IReadOnlyList<RunResult> Runs,
    IReadOnlyList<OptimizerSummary> Summaries,
    IReadOnlyList<TrajectorySet> Trajectories,
    MachineInfo Machine,
    DateTimeOffset Started,
    double Seconds,
    bool Cancelled);
