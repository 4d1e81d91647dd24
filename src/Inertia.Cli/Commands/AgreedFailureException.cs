namespace Inertia.Cli.Commands;

/// <summary>
/// A failure every rank of an MPI job knows about (see <see cref="RankAgreement"/>): each rank
/// exits with <see cref="ExitCode"/>, and only the rank that hit it prints <see cref="Exception.InnerException"/>.
/// </summary>
internal sealed class AgreedFailureException(Exception cause, int exitCode, bool report)
    : Exception(cause.Message, cause)
{
    /// <summary>The exit code of every rank.</summary>
    public int ExitCode { get; } = exitCode;

    /// <summary>Whether this rank found the failure and prints it.</summary>
    public bool Report { get; } = report;
}
