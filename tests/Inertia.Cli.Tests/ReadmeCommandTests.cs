using System.Diagnostics;
using System.Text.RegularExpressions;
using Inertia.Tests.Data;

namespace Inertia.Cli.Tests;

/// <summary>
/// Runs every command of README.md's bash blocks as written, in bash, as real processes, from a
/// fresh folder beside <c>shared</c> so that <c>../shared/data/...</c> resolves as it does from the
/// repository root. <c>inertia</c> is this build's CLI; <c>dotnet run --project src/Inertia.Cli -c
/// Release --</c> is the same CLI. Left out, and said so here: the suite itself, the package
/// commands (<see cref="LeftOut"/>) and <c>--device cuda</c> (it needs a GPU).
/// </summary>
public partial class ReadmeCommandTests
{
    private const string RunPrefix = "dotnet run --project src/Inertia.Cli -c Release --";
    private const string BuiltCli = "src/Inertia.Cli/bin/Release/net10.0/Inertia.Cli.dll";

    [Fact]
    public void The_readme_has_the_commands_this_test_runs()
    {
        var commands = ReadmeCommands().ToList();
        Assert.Contains("inertia compare", commands);
        Assert.Contains(commands, c => c.Contains("--csv ../shared/data/iris/iris.csv", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.StartsWith("inertia evaluate", StringComparison.Ordinal));
    }

    /// <summary>All commands in one bash session, in README order: later ones use files earlier ones write.</summary>
    [Fact]
    public void Every_readme_command_without_a_gpu_runs_as_written()
    {
        string root = Path.Combine(Path.GetTempPath(), "inertia-readme-" + Guid.NewGuid().ToString("N")[..12]);
        string work = Path.Combine(root, "work");
        Directory.CreateDirectory(work);
        try
        {
            Directory.CreateSymbolicLink(Path.Combine(root, "shared"), SharedData.Root);
            var failures = new List<string>();
            foreach (string command in ReadmeCommands().Distinct())
            {
                var (code, output) = Bash(work, command);
                if (code != 0 || output.Contains("inertia: error", StringComparison.Ordinal))
                    failures.Add($"'{command}' exited {code}: {Tail(output)}");
            }
            Assert.Empty(failures);
            Assert.True(File.Exists(Path.Combine(work, "inertia-report", "index.html")));
            Assert.True(File.Exists(Path.Combine(work, "reports", "race1", "results.json")));
            Assert.True(File.Exists(Path.Combine(work, "mnist.inertia")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static IEnumerable<string> ReadmeCommands()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        foreach (Match block in BashBlock().Matches(readme))
            foreach (string raw in block.Groups[1].Value.Split('\n'))
            {
                string line = raw.Trim();
                int comment = line.IndexOf("  #", StringComparison.Ordinal);
                if (comment >= 0) line = line[..comment].TrimEnd();
                if (line.Length == 0 || LeftOut.Any(prefix => line.StartsWith(prefix, StringComparison.Ordinal)) || line.Contains("--device cuda", StringComparison.Ordinal)) continue;
                yield return line.StartsWith(RunPrefix, StringComparison.Ordinal) ? "inertia" + line[RunPrefix.Length..] : line;
            }
    }

    // The suite itself, and the package commands that tests/Inertia.Package.Tests runs against a
    // local feed (a global install or a nuget.org package would change the machine, not test the clone).
    private static readonly string[] LeftOut = ["./test.sh", "dotnet test", "dotnet add package", "dotnet tool install", "dotnet pack"];

    private static (int Code, string Output) Bash(string directory, string command)
    {
        string cli = Path.Combine(AppContext.BaseDirectory, "Inertia.Cli.dll");
        var info = new ProcessStartInfo("bash") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        // mpiexec starts programs, not shell functions: the README names the built DLL there.
        command = command.Replace(BuiltCli, $"'{cli}'", StringComparison.Ordinal);
        info.ArgumentList.Add($"set -e; inertia() {{ dotnet '{cli}' \"$@\"; }}; {command}");
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Inertia.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no Inertia.slnx above {AppContext.BaseDirectory}");
    }

    private static string Tail(string s) => s.Length <= 600 ? s : s[^600..];

    [GeneratedRegex(@"```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}
