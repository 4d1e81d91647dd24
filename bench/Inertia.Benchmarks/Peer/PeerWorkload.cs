namespace Inertia.Benchmarks.Peer;

/// <summary>
/// One workload run by both libraries. Either side may be missing (a ceiling that only Inertia
/// runs, an algorithm TorchSharp lacks); the table then shows the other side alone.
/// </summary>
/// <param name="Group">Table section, e.g. "SGEMM".</param>
/// <param name="Name">Row label.</param>
/// <param name="Inertia">One repetition on Inertia, or null.</param>
/// <param name="Torch">One repetition on TorchSharp, or null.</param>
/// <param name="Work">Units of work of one repetition for the rate column (flops, samples), or 0.</param>
/// <param name="WorkUnit">Name of the rate's unit, e.g. "GFLOP/s".</param>
internal sealed record PeerWorkload(string Group, string Name, Action? Inertia, Action? Torch, double Work = 0, string WorkUnit = "")
{
    /// <summary>Key under which this row's Inertia time is kept for other rows to refer to (a minimal pass).</summary>
    public string? Key { get; init; }

    /// <summary>Key of the row whose Inertia time is this row's ceiling (the minimal pass over the same arrays).</summary>
    public string? Ceiling { get; init; }

    /// <summary>Inertia's update kernel alone (without the pipeline's finiteness pre-pass), or null.</summary>
    public Action? InertiaKernel { get; init; }

    /// <summary>
    /// Inertia's whole step as a training step runs it, on gradients their producer vouched
    /// finite (so the pipeline does not read them again), or null.
    /// </summary>
    public Action? InertiaFitStep { get; init; }

    /// <summary>Optimizer state in bytes on each side, or null where it does not apply.</summary>
    public (long Inertia, long Torch)? StateBytes { get; init; }

    /// <summary>Measured repetitions for workloads too long for the time budget (one epoch); 0 uses the budget.</summary>
    public int Repetitions { get; init; }

    /// <summary>Short warm-ups (a few hundred batches) run before a <see cref="Repetitions"/> measurement instead of one full repetition.</summary>
    public (Action Inertia, Action Torch)? Warmups { get; init; }

    /// <summary>Releases the workload's buffers once it has run.</summary>
    public Action? Cleanup { get; init; }
}
