using System.Diagnostics;
using System.Globalization;

namespace Inertia.Cli.Tests;

/// <summary>
/// Runs the CLI as a child process (<c>dotnet Inertia.Cli.dll …</c>), for what only a process
/// shows: signals, its peak resident memory (VmHWM, sampled until it exits) and its wall time.
/// A child still running at the limit is killed and the result says so.
/// </summary>
internal static class CliProcess
{
    public sealed record Result(int ExitCode, string Out, string Error, long PeakRssBytes, TimeSpan Elapsed, bool TimedOut);

    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Inertia.Cli.dll"));
        foreach (string a in args) start.ArgumentList.Add(a);
        start.Environment["INERTIA_DEBUG"] = "";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }

    public static Result Run(string workingDirectory, TimeSpan limit, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = Start(workingDirectory, environment, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        long peak = 0;
        bool timedOut = false;
        while (!process.WaitForExit(20))
        {
            peak = Math.Max(peak, PeakRss(process.Id));
            if (clock.Elapsed > limit)
            {
                timedOut = true;
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                break;
            }
        }
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result, stderr.Result, peak, clock.Elapsed, timedOut);
    }

    /// <summary>Sends SIGTERM, as <c>kill</c> and service managers do.</summary>
    public static void Terminate(Process process)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    private static long PeakRss(int pid)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process has just exited.
        }
        return 0;
    }
}
