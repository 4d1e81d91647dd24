using System.Runtime.InteropServices;
using Inertia.Cli.Commands;
using Inertia.Cli.Options;
using Inertia.Distributed;
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
        World world;
        try
        {
            world = World.Join();
        }
        catch (DllNotFoundException e)
        {
            Console.Error.WriteLine($"inertia: error: {e.Message}");
            return ExitCodes.Failure;
        }
        using (world)
        {
            // Under MPI every rank runs the command; rank 0 alone shows progress and results.
            var console = world.IsRoot ? AnsiConsole.Console
                : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null), Interactive = InteractionSupport.No });
            int code = CliApp.Run(args, console, Console.Error, cancel.Token);
            return code == ExitCodes.Cancelled && terminated ? ExitCodes.Terminated : code;
        }
    }
}
