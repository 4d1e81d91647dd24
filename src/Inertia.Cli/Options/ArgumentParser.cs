namespace Inertia.Cli.Options;

/// <summary>
/// Reads <c>--name value</c>, <c>--name=value</c> and flag options against a command's option list.
/// Anything it does not know is a <see cref="UsageException"/> naming the option, so a typo is
/// never silently ignored.
/// </summary>
internal static class ArgumentParser
{
    public static ParsedArguments Parse(string command, IReadOnlyList<OptionSpec> specs, IReadOnlyList<string> args)
    {
        var parsed = new ParsedArguments(command);
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
                throw new UsageException($"unexpected argument '{arg}' for 'inertia {command}' (options start with --; see inertia {command} --help)");
            string name = arg[2..];
            string? inlineValue = null;
            int eq = name.IndexOf('=');
            if (eq >= 0)
            {
                inlineValue = name[(eq + 1)..];
                name = name[..eq];
            }
            var spec = Find(specs, name)
                ?? throw new UsageException($"unknown option '--{name}' for 'inertia {command}'{DidYouMean.Hint(name, specs.Select(s => s.Name), s => "--" + s)} (see inertia {command} --help)");
            string value;
            if (!spec.TakesValue)
            {
                if (inlineValue is not null)
                    throw new UsageException($"option '--{name}' takes no value, got '{inlineValue}'");
                value = "true";
            }
            else if (inlineValue is not null)
                value = inlineValue;
            else if (i + 1 < args.Count && !IsOption(args[i + 1]))
                value = args[++i];
            else
                throw new UsageException($"option '--{name}' needs a value ({spec.ValueName})");
            parsed.AddFromCommandLine(spec.Name, value, spec.Repeatable);
        }
        return parsed;
    }

    public static OptionSpec? Find(IReadOnlyList<OptionSpec> specs, string name)
    {
        foreach (var s in specs)
            if (s.Name == name) return s;
        return null;
    }

    // A negative number is a value, not an option.
    private static bool IsOption(string arg) => arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2 && !char.IsDigit(arg[2]);
}
