using Inertia.Cli.Options;
using Inertia.Optimizers;

namespace Inertia.Cli.Commands;

/// <summary>Creates an optimizer from CLI settings, turning the library's complaint into a one-line usage error.</summary>
internal static class OptimizerSetup
{
    public static Optimizer Create(string name, IReadOnlyDictionary<string, string> settings)
    {
        try
        {
            return OptimizerFactory.Create(name, settings);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"optimizer '{name}': {ErrorReport.Message(e)}");
        }
    }
}
