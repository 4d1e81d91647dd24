namespace Inertia.Cli.Options;

/// <summary>
/// The user asked for something the tool cannot do (unknown option, bad value, unreadable file).
/// The message is printed as one line on stderr and the process exits with <see cref="ExitCode"/>.
/// </summary>
internal sealed class UsageException(string message, int exitCode = ExitCodes.Usage) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
