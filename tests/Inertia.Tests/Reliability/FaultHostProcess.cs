using System.Diagnostics;

namespace Inertia.Tests.Reliability;

/// <summary>Starts tests/Inertia.FaultHost (copied beside the test assembly) as a child process.</summary>
internal static class FaultHostProcess
{
    private static string HostDll { get; } = Path.Combine(AppContext.BaseDirectory, "Inertia.FaultHost.dll");

    /// <summary>Starts the host with these arguments, stdout and stderr redirected.</summary>
    public static Process Start(params string[] arguments)
    {
        Assert.True(File.Exists(HostDll), $"{HostDll} is missing: the test project must build Inertia.FaultHost.");
        // The dotnet CLI tells the processes it starts where the host is; outside it, PATH has it.
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(HostDll);
        foreach (string a in arguments) info.ArgumentList.Add(a);
        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
    }

    /// <summary>Runs the host to completion within <paramref name="limit"/> and returns its stdout; fails on a non-zero exit.</summary>
    public static string Run(TimeSpan limit, params string[] arguments)
    {
        using var process = Start(arguments);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill();
            Assert.Fail($"Inertia.FaultHost {string.Join(' ', arguments)} did not finish within {limit}.");
        }
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"Inertia.FaultHost {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }
}
