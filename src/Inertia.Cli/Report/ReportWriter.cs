using Inertia.Cli.Race;
using Inertia.Training.Serialization;

namespace Inertia.Cli.Report;

/// <summary>
/// Writes a race's report folder: index.html, results.json, curves.csv and trajectories.csv,
/// each atomically, so an interrupted write never leaves a half-written file behind.
/// </summary>
internal static class ReportWriter
{
    public const string IndexFile = "index.html";
    public const string ResultsFile = "results.json";
    public const string CurvesFile = "curves.csv";
    public const string TrajectoriesFile = "trajectories.csv";

    /// <summary>Writes the report and returns the path of index.html.</summary>
    public static string Write(RaceResult race, string directory)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.Write(Path.Combine(directory, ResultsFile), s => ResultsJson.Write(s, race));
        AtomicFile.WriteText(Path.Combine(directory, CurvesFile), CurvesCsv.Curves(race.Runs));
        string trajectories = Path.Combine(directory, TrajectoriesFile);
        if (race.Trajectories.Count > 0)
            AtomicFile.WriteText(trajectories, CurvesCsv.Trajectories(race.Trajectories));
        else
            File.Delete(trajectories);
        // The page goes last: once it is there, every file it links to is complete.
        string index = Path.Combine(directory, IndexFile);
        AtomicFile.WriteText(index, HtmlReport.Render(race));
        return index;
    }
}
