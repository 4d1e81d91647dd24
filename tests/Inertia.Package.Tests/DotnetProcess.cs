using System.Diagnostics;

namespace Inertia.Package.Tests;

/// <summary>Runs a command to completion, capturing its output, and fails the test with that output when it fails.</summary>
internal static class DotnetProcess
{
    /// <summary>The dotnet that runs these tests (dotnet test sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    public static string Run(string file, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment) info.Environment[k] = v;
        // No telemetry banner or first-run text in the captured output.
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        // Only a hang guard: a packing step that takes ten minutes has failed regardless of speed.
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{file} {string.Join(' ', args)}' did not finish in 10 minutes.\n{stdout}");
        }
        string output = stdout + stderr.Result;
        Assert.True(process.ExitCode == 0, $"'{file} {string.Join(' ', args)}' exited with {process.ExitCode}:\n{output}");
        return output;
    }
}
