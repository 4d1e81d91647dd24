namespace Inertia.Cli.Options;

/// <summary>Process exit codes, documented in <c>inertia --help</c>.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int Data = 3;
    public const int Device = 4;
    public const int Cancelled = 130;

    /// <summary>Stopped by SIGTERM, handled as Ctrl-C is (128 + 15, the shell's convention).</summary>
    public const int Terminated = 143;
}
