using Inertia.Cli.Options;
using Inertia.Distributed;

namespace Inertia.Cli.Commands;

/// <summary>
/// Runs a step that can fail on some ranks only (reading a data file that is corrupt on one
/// machine, building a model) and makes every rank stop if any failed, before anyone enters a
/// collective that the failed rank would never join. The lowest failing rank's exit code reaches
/// every rank; that rank alone prints its error.
/// </summary>
internal static class RankAgreement
{
    public static T Run<T>(World world, Func<T> step)
    {
        if (world.Size == 1) return step();
        T result = default!;
        Exception? error = null;
        try
        {
            result = step();
        }
        catch (Exception e)
        {
            error = e;
        }
        // Max of (size − rank) picks the lowest failing rank; 0 means nobody failed.
        int mark = world.AllreduceMax(error is null ? 0 : world.Size - world.Rank);
        if (mark == 0) return result;
        int failed = world.Size - mark;
        var code = world.Broadcast(failed == world.Rank ? BitConverter.GetBytes(ExitCodeOf(error!)) : null, failed);
        throw new AgreedFailureException(
            error ?? new InvalidOperationException($"rank {failed} of {world.Size} failed"), BitConverter.ToInt32(code), report: failed == world.Rank);
    }

    /// <summary>The exit code the CLI gives this exception (see <see cref="CliApp"/>).</summary>
    public static int ExitCodeOf(Exception e) => e is UsageException u ? u.ExitCode : ExitCodes.Failure;
}
