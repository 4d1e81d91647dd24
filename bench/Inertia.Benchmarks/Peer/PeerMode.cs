using System.Globalization;
using TorchSharp;

namespace Inertia.Benchmarks.Peer;

/// <summary>
/// <c>peer</c>: runs each workload on Inertia and on TorchSharp in one process and prints one
/// markdown table of times, rates, Inertia's speed relative to TorchSharp, each side's peak
/// resident memory and optimizer state, with the machine; then the optimizer steps against the
/// minimal fused pass over the same arrays, and the garbage collections during Inertia's side of
/// each workload. Optional arguments keep only the named groups
/// (<c>sgemm</c>, <c>memory</c>, <c>optimizers</c>, <c>mlp</c>).
/// </summary>
internal static class PeerMode
{
    private static long _largestPeak;

    public static int Run(IReadOnlyCollection<string> groups)
    {
        torch.random.manual_seed(1);
        var rows = new List<string>
        {
            "| group | workload | Inertia | TorchSharp | Inertia rate | TorchSharp rate | Inertia speed ÷ TorchSharp | peak RSS Inertia / TorchSharp (MiB, growth while timed) | optimizer state Inertia / TorchSharp |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        };
        string[] ceilingHeader =
        [
            "Full step as `Fit` runs it: `Optimizer.Apply(witness)` with every default on (non-finite policy, overflow guard), " +
            "on gradients vouched finite; in `Fit` the backward pass vouches while writing them (GEMM tiles, bias rows), " +
            "here they are checked once at set-up (they never change) and the witness is re-armed before each step, " +
            "so the step reads no gradient twice. Bare `Apply()` has no witness and scans every gradient first. " +
            "TorchSharp's step checks nothing.",
            "",
            "| optimizer step | full step as Fit runs it (witnessed gradients) | bare Apply() (scans first) | kernel alone | minimal fused pass, same arrays | minimal ÷ full step (Fit) | minimal ÷ bare Apply() | minimal ÷ kernel | full step (Fit) speed ÷ TorchSharp |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ];
        var ceilingRows = new List<string>();
        var sources = new (string Name, Func<IEnumerable<PeerWorkload>> Create)[]
        {
            ("sgemm", GemmPeerWorkloads.Create), ("memory", MemoryPassPeerWorkloads.Create),
            ("optimizers", OptimizerPeerWorkloads.Create), ("mlp", MlpPeerWorkloads.Create),
        };
        var unknown = groups.Except(sources.Select(s => s.Name)).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"peer: unknown group(s) {string.Join(", ", unknown)}; known: {string.Join(", ", sources.Select(s => s.Name))}");
            return 2;
        }
        var gcRows = new List<string>
        {
            "| workload | Inertia side: gen0 / gen1 / gen2 collections (warm-up and timed runs) |",
            "| --- | ---: |",
        };
        var keyed = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var source in sources.Where(s => groups.Count == 0 || groups.Contains(s.Name)).Select(s => s.Create))
            foreach (var w in source())
            {
                var collections = Collections();
                var (inertia, inertiaMemory) = Measure(w, w.Inertia, w.Warmups?.Inertia);
                var after = Collections();
                if (w.Inertia is not null)
                    gcRows.Add($"| {w.Name} | {after.Gen0 - collections.Gen0} / {after.Gen1 - collections.Gen1} / {after.Gen2 - collections.Gen2} |");
                double? kernel = w.InertiaKernel is null ? null : Measure(w, w.InertiaKernel, null).Seconds;
                double? fitStep = w.InertiaFitStep is null ? null : Measure(w, w.InertiaFitStep, null).Seconds;
                var (peer, peerMemory) = Measure(w, w.Torch, w.Warmups?.Torch);
                if (w.Key is not null && inertia is { } keyedTime) keyed[w.Key] = keyedTime;
                string row = $"| {w.Group} | {w.Name} | {Time(inertia)} | {Time(peer)} | {Rate(w, inertia)} | {Rate(w, peer)} | " +
                             (inertia is { } i && peer is { } p ? $"{p / i:F2}×" : "—") + $" | {inertiaMemory} / {peerMemory} | " +
                             (w.StateBytes is { } s ? $"{Bytes(s.Inertia)} / {Bytes(s.Torch)}" : "—") + " |";
                Console.Error.WriteLine(row);
                rows.Add(row);
                if (w.Ceiling is not null && keyed.TryGetValue(w.Ceiling, out double ceiling) && inertia is { } full)
                    ceilingRows.Add($"| {w.Name} | {Time(fitStep)} | {Time(full)} | {Time(kernel)} | {Time(ceiling)} | {Ratio(ceiling, fitStep)} | " +
                                    $"{ceiling / full:F2} | {Ratio(ceiling, kernel)} | " + (peer is { } t && fitStep is { } f ? $"{t / f:F2}×" : "—") + " |");
                w.Cleanup?.Invoke();
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }

        foreach (var line in PeerMachine.Describe(torch.get_num_threads())) Console.WriteLine($"- {line}");
        Console.WriteLine($"- peak resident set: {_largestPeak >> 20} MiB at most during any one side of any workload (both libraries' data loaded)");
        Console.WriteLine();
        foreach (var row in rows) Console.WriteLine(row);
        if (ceilingRows.Count > 0)
        {
            Console.WriteLine();
            foreach (var row in ceilingHeader.Concat(ceilingRows)) Console.WriteLine(row);
        }
        Console.WriteLine();
        foreach (var row in gcRows) Console.WriteLine(row);
        return 0;
    }

    // Counted around Inertia's side only: its steps promise no allocation once warm, so any
    // collection while it runs is a regression (TorchSharp's native memory is outside the GC).
    private static (int Gen0, int Gen1, int Gen2) Collections() => (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

    private static (double? Seconds, string Memory) Measure(PeerWorkload w, Action? action, Action? warmup)
    {
        if (action is null) return (null, "—");
        long before = PeakMemory.Reset();
        double seconds = w.Repetitions > 0 ? PeerTimer.MedianSeconds(action, w.Repetitions, warmup) : PeerTimer.MedianSeconds(action);
        long peak = PeakMemory.Peak();
        _largestPeak = Math.Max(_largestPeak, peak);
        // LibTorch's OpenMP threads spin for a while after each op; let them stop before the next side runs.
        Thread.Sleep(300);
        return (seconds, peak == 0 ? "?" : $"{peak >> 20} (+{Math.Max(0, peak - before) >> 20})");
    }

    private static string Ratio(double numerator, double? denominator) =>
        denominator is { } d ? string.Create(CultureInfo.InvariantCulture, $"{numerator / d:F2}") : "—";

    private static string Bytes(long bytes) => bytes switch
    {
        0 => "0",
        < 1 << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1 << 20):F1} MiB"),
    };

    private static string Time(double? seconds) => seconds switch
    {
        null => "—",
        < 1e-3 => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e6:F1} µs"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e3:F2} ms"),
    };

    private static string Rate(PeerWorkload w, double? seconds) =>
        seconds is null || w.Work == 0 ? "—" : string.Create(CultureInfo.InvariantCulture, $"{w.Work / seconds:F1} {w.WorkUnit}");
}
