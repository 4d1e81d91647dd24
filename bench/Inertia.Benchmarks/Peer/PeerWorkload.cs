namespace Inertia.Benchmarks.Peer;

/// <summary>
/// One workload run by both libraries. Either side may be missing (an Inertia feature not on
/// main yet); the table then shows the other side alone.
/// </summary>
/// <param name="Group">Table section, e.g. "SGEMM".</param>
/// <param name="Name">Row label.</param>
/// <param name="Inertia">One repetition on Inertia, or null.</param>
/// <param name="Torch">One repetition on TorchSharp, or null.</param>
/// <param name="Work">Units of work of one repetition for the rate column (flops, samples), or 0.</param>
/// <param name="WorkUnit">Name of the rate's unit, e.g. "GFLOP/s".</param>
internal sealed record PeerWorkload(string Group, string Name, Action? Inertia, Action? Torch, double Work = 0, string WorkUnit = "");
