using System.Text.Json;
using System.Text.Json.Serialization;
using Inertia.Cli.Options;
using Inertia.Distributed;

namespace Inertia.Cli.Race;

/// <summary>
/// Which runs of a race this rank trains: run i (optimizer-major, seeds inner, the one-process
/// order) belongs to rank i mod N. Round-robin rather than blocks, so that with fewer runs per
/// optimizer than ranks every rank still gets work and the slow optimizers spread out.
/// </summary>
internal sealed class RaceShare(World world)
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>The whole race, in one process.</summary>
    public static RaceShare All { get; } = new(World.Join());

    /// <summary>Whether this rank trains run <paramref name="index"/>.</summary>
    public bool Owns(int index) => index % world.Size == world.Rank;

    /// <summary>
    /// Every rank's runs, on every rank, in the one-process order. Doubles travel as JSON's
    /// shortest round-trip text, so the numbers arrive bit for bit.
    /// </summary>
    public IReadOnlyList<RunResult> Gather(IReadOnlyList<RunResult> mine, CompareOptions options)
    {
        if (world.Size == 1) return mine;
        var all = world.AllgatherBytes(JsonSerializer.SerializeToUtf8Bytes(mine, Json))
            .SelectMany(bytes => JsonSerializer.Deserialize<List<RunResult>>(bytes, Json)!)
            .ToList();
        var order = options.Optimizers.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        return [.. all.OrderBy(r => order[r.Optimizer]).ThenBy(r => r.Seed)];
    }
}
