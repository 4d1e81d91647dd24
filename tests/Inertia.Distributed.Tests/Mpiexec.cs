using System.Diagnostics;

namespace Inertia.Distributed.Tests;

/// <summary>Launches real ranks with MPICH's <c>mpiexec.mpich</c> on loopback, or one process without a launcher.</summary>
internal static class Mpiexec
{
    public const string Install = "apt-get install -y mpich libmpich-dev";

    public sealed record Result(int ExitCode, string Out, string Error, TimeSpan Elapsed);

    public static string RankHost { get; } = Path.Combine(AppContext.BaseDirectory, "Inertia.RankHost.dll");

    public static string Cli { get; } = Path.Combine(AppContext.BaseDirectory, "Inertia.Cli.dll");

    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    private static string Launcher => Find("mpiexec.mpich");

    /// <summary>Starts <paramref name="ranks"/> ranks of <c>dotnet</c> <paramref name="arguments"/> (0 ranks: one process, no launcher).</summary>
    public static Process Start(int ranks, params string[] arguments) => Start(ranks == 0 ? [] : [["-n", ranks.ToString(System.Globalization.CultureInfo.InvariantCulture), Dotnet, .. arguments]], arguments);

    /// <summary>
    /// Starts an MPMD job: each group is (rank count, dotnet arguments), joined with ':' as
    /// <c>mpiexec</c> takes them. With no groups, runs <paramref name="single"/> as one plain process.
    /// </summary>
    public static Process Start(IReadOnlyList<string[]> groups, string[] single)
    {
        var info = new ProcessStartInfo(groups.Count == 0 ? Dotnet : Launcher)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (groups.Count == 0)
            foreach (string a in single) info.ArgumentList.Add(a);
        for (int g = 0; g < groups.Count; g++)
        {
            if (g > 0) info.ArgumentList.Add(":");
            foreach (string a in groups[g]) info.ArgumentList.Add(a);
        }
        return Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} did not start.");
    }

    /// <summary>Runs to completion within <paramref name="limit"/>; fails the test if it takes longer.</summary>
    public static Result Run(int ranks, TimeSpan limit, params string[] arguments) =>
        Wait(Start(ranks, arguments), limit, string.Join(' ', arguments));

    /// <summary>Runs an MPMD job (see <see cref="Start(IReadOnlyList{string[]}, string[])"/>).</summary>
    public static Result RunGroups(TimeSpan limit, params string[][] groups) =>
        Wait(Start(groups, []), limit, string.Join(" : ", groups.Select(g => string.Join(' ', g))));

    /// <summary>Runs and fails the test on a non-zero exit.</summary>
    public static Result Succeed(int ranks, TimeSpan limit, params string[] arguments)
    {
        var r = Run(ranks, limit, arguments);
        Assert.True(r.ExitCode == 0, $"{ranks} rank(s) of {string.Join(' ', arguments)} exited with {r.ExitCode}: {r.Error}");
        return r;
    }

    public static Result Wait(Process process, TimeSpan limit, string what)
    {
        using (process)
        {
            var clock = Stopwatch.StartNew();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(limit))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{what} did not finish within {limit}.");
            }
            process.WaitForExit();
            return new Result(process.ExitCode, stdout.Result, stderr.Result, clock.Elapsed);
        }
    }

    private static string Find(string program)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            string path = Path.Combine(dir, program);
            if (File.Exists(path)) return path;
        }
        throw new InvalidOperationException($"{program} is missing: install MPICH ({Install}).");
    }
}
