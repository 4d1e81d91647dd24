using Inertia.Cli.Race;
using Inertia.Training.Serialization;

namespace Inertia.Cli.Report;

/// <summary>
/// Writes a race's report folder: index.html, results.json, curves.csv and trajectories.csv.
/// The files go into a new folder that then replaces the old one as a whole
/// (<see cref="FolderSwap"/>), so a reader never sees files of two runs side by side.
/// </summary>
internal static class ReportWriter
{
    public const string IndexFile = "index.html";
    public const string ResultsFile = "results.json";
    public const string CurvesFile = "curves.csv";
    public const string TrajectoriesFile = "trajectories.csv";

    /// <summary>Every name a report folder may hold: a folder with anything else is not replaced.</summary>
    public static readonly IReadOnlySet<string> Entries = new HashSet<string>(StringComparer.Ordinal) { IndexFile, ResultsFile, CurvesFile, TrajectoriesFile };

    public static bool IsReportEntry(string name) => Entries.Contains(name);

    /// <summary>Writes the report and returns the path of index.html.</summary>
    public static string Write(RaceResult race, string directory)
    {
        FolderSwap.Replace(directory, staging =>
        {
            AtomicFile.Write(Path.Combine(staging, ResultsFile), s => ResultsJson.Write(s, race));
            AtomicFile.WriteText(Path.Combine(staging, CurvesFile), CurvesCsv.Curves(race.Runs));
            if (race.Trajectories.Count > 0)
                AtomicFile.WriteText(Path.Combine(staging, TrajectoriesFile), CurvesCsv.Trajectories(race.Trajectories));
            AtomicFile.WriteText(Path.Combine(staging, IndexFile), HtmlReport.Render(race));
        });
        return Path.Combine(directory, IndexFile);
    }
}
