using Inertia.Cli.Commands;
using Spectre.Console;

namespace Inertia.Cli;

/// <summary>The <c>inertia</c> tool.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        // The first Ctrl-C asks training to stop between two batches so the report can still be
        // written; a second one ends the process at once.
        Console.CancelKeyPress += (_, e) =>
        {
            if (cancel.IsCancellationRequested) return;
            e.Cancel = true;
            cancel.Cancel();
        };
        return CliApp.Run(args, AnsiConsole.Console, Console.Error, cancel.Token);
    }
}
