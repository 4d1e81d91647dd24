using Inertia.Cli.Commands;
using Spectre.Console;

namespace Inertia.Cli.Tests;

/// <summary>Runs the CLI in process, capturing stdout and stderr.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Result Run(params string[] args) => Run(CancellationToken.None, args);

    public static Result Run(CancellationToken cancellation, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        int code = CliApp.Run(args, console, stderr, cancellation);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }
}
