using Inertia.Cli.Options;
using Inertia.Distributed;
using Spectre.Console;

namespace Inertia.Cli.Commands;

/// <summary>
/// Dispatches a command line to its command. Whatever goes wrong ends as one line on
/// <c>stderr</c> and a non-zero exit code (see <see cref="ExitCodes"/>), never a stack trace
/// unless INERTIA_DEBUG is set.
/// </summary>
internal static class CliApp
{
    private static readonly string[] Commands = ["compare", "train", "evaluate", "export", "help"];

    public static int Run(IReadOnlyList<string> args, IAnsiConsole console, TextWriter stderr, CancellationToken cancellation)
    {
        // A log or a pipe has no width: wide enough for the results table not to wrap.
        if (!console.Profile.Capabilities.Interactive && console.Profile.Width < 160)
            console.Profile.Width = 160;
        try
        {
            string command = args.Count > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "compare";
            var rest = args.Count > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args.Skip(1).ToList() : args.ToList();
            if (args.Count > 0 && args[0] is "--help" or "-h")
                return Print(console, HelpText.Root);
            if (args.Count > 0 && args[0] == "--version")
                return Print(console, $"inertia {typeof(CliApp).Assembly.GetName().Version?.ToString(3)}");
            return command switch
            {
                "compare" => Dispatch(command, CompareOptions.Specs, rest, console, a => CompareCommand.Run(a, console, stderr, cancellation, "inertia " + string.Join(' ', args.Select(Quote)))),
                "train" => Dispatch(command, TrainOptions.Specs, rest, console, a => TrainCommand.Run(a, console, stderr, cancellation)),
                "evaluate" => Dispatch(command, EvaluateOptions.Specs, rest, console, a => EvaluateCommand.Run(a, console, cancellation)),
                "export" => Dispatch(command, ExportOptions.Specs, rest, console, a => ExportCommand.Run(a, console, cancellation)),
                "help" => rest.Count == 0 ? Print(console, HelpText.Root) : Print(console, HelpFor(rest[0])),
                _ => throw new UsageException($"unknown command '{command}'{DidYouMean.Hint(command, Commands)} (commands: {string.Join(", ", Commands)})"),
            };
        }
        catch (AgreedFailureException e)
        {
            if (e.Report) stderr.WriteLine(Describe(e.InnerException!));
            return e.ExitCode;
        }
        catch (Exception e) when (e is UsageException || Environment.GetEnvironmentVariable("INERTIA_DEBUG") is null or "" or "0")
        {
            stderr.WriteLine(Describe(e));
            return Stop(stderr, ErrorReport.ExitCode(e));
        }
    }

    private static string Describe(Exception e)
    {
        var world = World.Join();
        string rank = world.Size > 1 ? $"rank {world.Rank} of {world.Size}: " : "";
        return $"inertia: error: {rank}{ErrorReport.Message(e)}";
    }

    // A rank that fails alone leaves the others waiting in a collective it will never join:
    // MPI_Abort ends the whole job with this rank's exit code.
    private static int Stop(TextWriter stderr, int code)
    {
        var world = World.Join();
        if (world.Size == 1) return code;
        stderr.Flush();
        world.Abort(code);
        return code;
    }

    private static int Dispatch(string command, IReadOnlyList<OptionSpec> specs, IReadOnlyList<string> args, IAnsiConsole console, Func<ParsedArguments, int> run)
    {
        if (args.Contains("--help") || args.Contains("-h"))
            return Print(console, HelpFor(command));
        var parsed = ArgumentParser.Parse(command, specs, args);
        if (parsed.Get("config") is { } config)
        {
            if (!File.Exists(config))
                throw new UsageException($"config file '{config}' does not exist", ExitCodes.Data);
            ConfigFile.Apply(config, parsed, specs);
        }
        return run(parsed);
    }

    private static string HelpFor(string command) => command switch
    {
        "compare" => HelpText.Compare,
        "train" => HelpText.Train,
        "evaluate" => HelpText.Evaluate,
        "export" => HelpText.Export,
        _ => throw new UsageException($"no help for unknown command '{command}'{DidYouMean.Hint(command, Commands)} (commands: compare, train, evaluate, export)"),
    };

    private static int Print(IAnsiConsole console, string text)
    {
        console.Profile.Out.Writer.Write(text.EndsWith('\n') ? text : text + "\n");
        return ExitCodes.Success;
    }

    private static string Quote(string a) => a.Any(char.IsWhiteSpace) || a.Length == 0 ? $"'{a}'" : a;
}
