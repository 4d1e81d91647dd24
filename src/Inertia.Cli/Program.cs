using System.Runtime.InteropServices;
using Inertia.Cli.Commands;
using Inertia.Cli.Options;
using Spectre.Console;

namespace Inertia.Cli;

/// <summary>The <c>inertia</c> tool.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        bool terminated = false;
        // The first Ctrl-C (or SIGTERM) asks training to stop between two batches so what finished
        // can still be written; a second one ends the process at once.
        Console.CancelKeyPress += (_, e) =>
        {
            if (cancel.IsCancellationRequested) return;
            e.Cancel = true;
            cancel.Cancel();
        };
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            if (cancel.IsCancellationRequested) return;
            context.Cancel = true;
            terminated = true;
            cancel.Cancel();
        });
        int code = CliApp.Run(args, AnsiConsole.Console, Console.Error, cancel.Token);
        return code == ExitCodes.Cancelled && terminated ? ExitCodes.Terminated : code;
    }
}
