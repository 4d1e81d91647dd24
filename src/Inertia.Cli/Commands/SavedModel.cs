using Inertia.Cli.Options;
using Inertia.Training;

namespace Inertia.Cli.Commands;

/// <summary>Loads a model file named on the command line; an unreadable one is a one-line data error.</summary>
internal static class SavedModel
{
    public static Sequential Load(string file)
    {
        try
        {
            return Sequential.Load(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new UsageException($"cannot load model '{file}': {e.Message.ReplaceLineEndings(" ")}", ExitCodes.Data);
        }
    }
}
