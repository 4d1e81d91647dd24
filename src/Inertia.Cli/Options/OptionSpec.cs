namespace Inertia.Cli.Options;

/// <summary>One option a command accepts: its name, whether it takes a value, and its help line.</summary>
internal sealed record OptionSpec(string Name, string? ValueName, string Help, bool Repeatable = false)
{
    public bool TakesValue => ValueName is not null;
}
