using Inertia.Cli.Options;
using Inertia.Training;

namespace Inertia.Cli.Commands;

/// <summary>Loads a model file named on the command line, within the model-file cap; an unreadable one is a one-line data error.</summary>
internal static class SavedModel
{
    public static Sequential Load(string file, CancellationToken cancellation)
    {
        try
        {
            return Sequential.Load(file, InputCaps.ModelBytes, cancellation);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new UsageException($"cannot load model '{file}': {ErrorReport.Message(e)}", ExitCodes.Data);
        }
    }
}
