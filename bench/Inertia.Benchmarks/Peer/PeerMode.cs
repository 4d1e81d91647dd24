using System.Diagnostics;
using System.Globalization;
using TorchSharp;

namespace Inertia.Benchmarks.Peer;

/// <summary>
/// <c>peer</c>: runs each workload on Inertia and on TorchSharp in one process and prints one
/// markdown table of times, rates and Inertia's speed relative to TorchSharp, with the machine.
/// Optional arguments keep only the named groups (<c>sgemm</c>, <c>memory</c>, <c>optimizers</c>).
/// </summary>
internal static class PeerMode
{
    public static int Run(IReadOnlyCollection<string> groups)
    {
        torch.random.manual_seed(1);
        var rows = new List<string>
        {
            "| group | workload | Inertia | TorchSharp | Inertia rate | TorchSharp rate | Inertia speed ÷ TorchSharp |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
        };
        var sources = new (string Name, Func<IEnumerable<PeerWorkload>> Create)[]
        {
            ("sgemm", GemmPeerWorkloads.Create), ("memory", MemoryPassPeerWorkloads.Create),
            ("optimizers", TorchOptimizerPeerWorkloads.Create),
        };
        var unknown = groups.Except(sources.Select(s => s.Name)).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"peer: unknown group(s) {string.Join(", ", unknown)}; known: {string.Join(", ", sources.Select(s => s.Name))}");
            return 2;
        }
        foreach (var source in sources.Where(s => groups.Count == 0 || groups.Contains(s.Name)).Select(s => s.Create))
            foreach (var w in source())
            {
                double? inertia = w.Inertia is null ? null : PeerTimer.MedianSeconds(w.Inertia);
                double? peer = w.Torch is null ? null : PeerTimer.MedianSeconds(w.Torch);
                // LibTorch's OpenMP threads spin for a while after each op; let them stop before
                // the next workload's Inertia side runs.
                Thread.Sleep(300);
                string row = $"| {w.Group} | {w.Name} | {Time(inertia)} | {Time(peer)} | {Rate(w, inertia)} | {Rate(w, peer)} | " +
                             (inertia is { } i && peer is { } p ? $"{p / i:F2}×" : "—") + " |";
                Console.Error.WriteLine(row);
                rows.Add(row);
                GC.Collect();
            }

        foreach (var line in PeerMachine.Describe(torch.get_num_threads())) Console.WriteLine($"- {line}");
        Console.WriteLine($"- peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20)} MiB (both libraries, whole run)");
        Console.WriteLine();
        foreach (var row in rows) Console.WriteLine(row);
        return 0;
    }

    private static string Time(double? seconds) => seconds switch
    {
        null => "—",
        < 1e-3 => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e6:F1} µs"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e3:F2} ms"),
    };

    private static string Rate(PeerWorkload w, double? seconds) =>
        seconds is null || w.Work == 0 ? "—" : string.Create(CultureInfo.InvariantCulture, $"{w.Work / seconds:F1} {w.WorkUnit}");
}
