using ILGPU;
using ILGPU.Runtime;
using Inertia.Gpu.Optimizers;
using Inertia.Optimizers;
using Inertia.Tensors;

namespace Inertia.Gpu;

/// <summary>
/// A CPU <see cref="Optimizer"/> moved to the device: the same algorithm, hyperparameters, convention,
/// schedule, groups, weight-decay exclusions, clipping, accumulation, EMA and non-finite policy, read
/// from the CPU object (nothing is re-specified), with the parameter, gradient and slot arenas in
/// device memory. One <see cref="Apply"/> runs the CPU pipeline in the same order: accumulation →
/// sum of squares on the device (which is also the finiteness check) → clip factors → learning rate
/// → one fused update kernel (clip value, L2 / decoupled decay, the rule) → EMA → iteration count.
/// </summary>
/// <remarks>
/// Per step the host reads back one double per parameter (the squared norms, which decide skipping
/// and clipping exactly as on the CPU) and uploads the per-parameter and per-group coefficients; the
/// element-wise work never leaves the device. Slots start from the CPU optimizer's state when it is
/// built for the same arena (so training can move to the GPU mid-run), otherwise from their initial values.
/// </remarks>
public sealed class GpuOptimizer : IDisposable
{
    private const int ChunkFloats = 8192;

    private readonly GpuArena _arena;
    private readonly UpdateAlgorithm _algorithm;
    private readonly Kernels _kernels;
    private readonly SlotDefinition[] _slotDefinitions;
    private readonly MemoryBuffer1D<float, Stride1D.Dense>[] _slots;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _dummy;
    private readonly MemoryBuffer1D<float, Stride1D.Dense>? _average;
    private readonly MemoryBuffer1D<float, Stride1D.Dense>? _accumulator;
    private readonly MemoryBuffer1D<ParameterCoefficients, Stride1D.Dense> _parameterBuffer;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _activeBuffer;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _squaresBuffer;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _rejectedBuffer;
    private readonly ArrayView<float>[] _ruleSlots = new ArrayView<float>[3];
    private readonly ParameterCoefficients[] _parameterCoefficients;
    private readonly int[] _active;
    private readonly double[] _squares;
    private readonly int[] _rejected;
    private readonly bool[] _trainableSeen;
    private MemoryBuffer1D<StepCoefficients, Stride1D.Dense> _groupBuffer;
    private MemoryBuffer1D<ReductionChunk, Stride1D.Dense>? _chunkBuffer;
    private MemoryBuffer1D<int, Stride1D.Dense> _firstChunkBuffer;
    private MemoryBuffer1D<double, Stride1D.Dense>? _partialBuffer;
    private StepCoefficients[] _groupCoefficients;
    private double[] _groupRates;
    private int _chunkCount;
    private bool _layoutDirty = true;
    private long _rawIterations;

    /// <summary>Mirrors <paramref name="optimizer"/> on <paramref name="arena"/>'s device.</summary>
    /// <exception cref="NotSupportedException">The optimizer type has no device kernel.</exception>
    /// <exception cref="InvalidOperationException">The CPU optimizer is built for a different arena.</exception>
    public GpuOptimizer(Optimizer optimizer, GpuArena arena)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(arena);
        if (optimizer.Arena is { } built && !ReferenceEquals(built, arena.Host))
            throw new InvalidOperationException($"Optimizer '{optimizer.Name}' is built for another set of parameters than this GpuArena's.");
        Source = optimizer;
        _arena = arena;
        _algorithm = UpdateAlgorithm.For(optimizer);
        _kernels = arena.Context.Kernels;
        var accelerator = arena.Context.Accelerator;
        var host = arena.Host;
        bool resume = optimizer.Arena is not null;

        _slotDefinitions = optimizer.Slots.ToArray();
        _slots = new MemoryBuffer1D<float, Stride1D.Dense>[_slotDefinitions.Length];
        for (int s = 0; s < _slots.Length; s++)
        {
            _slots[s] = arena.CreateSlot(_slotDefinitions[s].InitialValue);
            if (resume) UploadState(_slots[s], _slotDefinitions[s].Name);
        }
        _dummy = accelerator.Allocate1D<float>(1);
        if (optimizer.UseEma)
        {
            _average = arena.CreateSlot();
            if (resume) UploadState(_average, "average");
            else if (host.Length > 0) GpuArena.Range(_average, 0, host.Length).CopyFrom(GpuArena.Range(arena.Values, 0, host.Length));
        }
        if (optimizer.Options.GradientAccumulationSteps > 1)
        {
            _accumulator = arena.CreateSlot();
            if (resume) UploadState(_accumulator, "accumulator");
        }
        _rawIterations = optimizer.RawIterations;
        SkippedSteps = optimizer.SkippedSteps;
        OverflowedSteps = optimizer.OverflowedSteps;
        RejectedElements = optimizer.RejectedElements;

        int count = host.Parameters.Count;
        _parameterCoefficients = new ParameterCoefficients[Math.Max(count, 1)];
        _active = new int[Math.Max(count, 1)];
        _squares = new double[Math.Max(count, 1)];
        _rejected = new int[Math.Max(count, 1)];
        _trainableSeen = new bool[count];
        _parameterBuffer = accelerator.Allocate1D<ParameterCoefficients>(_parameterCoefficients.Length);
        _activeBuffer = accelerator.Allocate1D<int>(_active.Length);
        _squaresBuffer = accelerator.Allocate1D<double>(_squares.Length);
        _rejectedBuffer = accelerator.Allocate1D<int>(_rejected.Length);
        _rejectedBuffer.MemSetToZero();
        _firstChunkBuffer = accelerator.Allocate1D<int>(count + 1);
        _groupRates = new double[optimizer.Groups.Count + 1];
        _groupCoefficients = new StepCoefficients[_groupRates.Length];
        _groupBuffer = accelerator.Allocate1D<StepCoefficients>(_groupRates.Length);
    }

    /// <summary>The CPU optimizer whose configuration this one follows.</summary>
    public Optimizer Source { get; }

    /// <summary>The device arena this optimizer updates.</summary>
    public GpuArena Arena => _arena;

    /// <summary>Raw calls that updated or accumulated (the CPU optimizer's count when it was moved, plus this one's).</summary>
    public long RawIterations => _rawIterations;

    /// <summary>Updates applied (raw calls divided by the accumulation steps), as Keras <c>iterations</c>.</summary>
    public long Iterations => _rawIterations / Source.Options.GradientAccumulationSteps;

    /// <summary>Calls skipped because a gradient was not finite.</summary>
    public int SkippedSteps { get; private set; }

    /// <summary>Updates that overflowed in some elements, which kept their previous values (<see cref="StepResult.Overflowed"/>); starts from the CPU optimizer's count.</summary>
    public int OverflowedSteps { get; private set; }

    /// <summary>Elements, over all overflowed updates, that kept their previous weight and state.</summary>
    public long RejectedElements { get; private set; }

    /// <summary>What the most recent overflowed update on the device rejected, or null.</summary>
    public UpdateOverflow? LastOverflow { get; private set; }

    /// <summary>The learning rate the next update uses: the CPU optimizer's schedule at this optimizer's raw count, or its current constant.</summary>
    public double LearningRate => Source.Schedule?.Evaluate(_rawIterations) ?? Source.LearningRate;

    /// <summary>One optimizer call on the device gradients, with the CPU optimizer's semantics.</summary>
    /// <exception cref="NonFiniteGradientException">A gradient is not finite and the policy is <see cref="NonFinitePolicy.Throw"/>.</exception>
    /// <exception cref="NonFiniteUpdateException">The update overflowed and the policy is <see cref="NonFinitePolicy.Throw"/>; it was applied to every other element.</exception>
    public StepResult Apply()
    {
        RefreshLayout();
        var options = Source.Options;
        int n = options.GradientAccumulationSteps;
        bool clipsNorm = options.ClipNorm.HasValue || options.GlobalClipNorm.HasValue;
        if (n > 1)
        {
            if (!ReduceAndCheck()) return Skip();
            if ((_rawIterations + 1) % n != 0)
            {
                RunMasked(_kernels.Accumulate, _accumulator!, _arena.Gradients);
                UpdateAverage();
                _rawIterations++;
                return StepResult.Accumulated;
            }
            if (_arena.Length > 0)
                _kernels.MeanAndReset(_arena.Length, _arena.Gradients.View, _accumulator!.View, _arena.Segments.View, _activeBuffer.View, n);
            if (clipsNorm && !ReduceAndCheck()) return Skip();
        }
        else if (!ReduceAndCheck())
        {
            return Skip();
        }

        double rate = LearningRate;
        if (Source.Schedule?.Momentum(_rawIterations) is { } momentum)
            _algorithm.SetScheduledMomentum(momentum);
        ComputeCoefficients(rate, clipsNorm);
        long step = Iterations + 1;
        _algorithm.Prepare(step, _groupRates, _groupCoefficients);
        _parameterBuffer.View.CopyFromCPU(_parameterCoefficients);
        _groupBuffer.View.CopyFromCPU(_groupCoefficients);
        for (int s = 0; s < 3; s++)
            _ruleSlots[s] = _algorithm.RuleSlots[s] is { } name ? SlotBuffer(name).View : GpuArena.Range(_dummy, 0, 1);
        if (_arena.Length > 0)
            _algorithm.Launch(_kernels, _arena.Length, _arena.Values.View, _arena.Gradients.View, _ruleSlots[0], _ruleSlots[1], _ruleSlots[2],
                _arena.Segments.View, _parameterBuffer.View, _groupBuffer.View,
                options.ClipValue is { } clip ? (float)clip : float.PositiveInfinity, _rejectedBuffer.View);
        UpdateAverage();
        _rawIterations++;
        return CountRejected(step);
    }

    // The kernel already kept the rejected elements' values; this reads its per-parameter counts
    // (one small copy) and reports them as the CPU optimizer does.
    private StepResult CountRejected(long step)
    {
        _rejectedBuffer.View.CopyToCPU(_rejected);
        long total = 0;
        int first = -1, parameters = 0;
        for (int p = 0; p < _arena.Host.Parameters.Count; p++)
        {
            if (_rejected[p] == 0) continue;
            total += _rejected[p];
            parameters++;
            if (first < 0) first = p;
        }
        if (total == 0) return StepResult.Updated;
        _rejectedBuffer.MemSetToZero();
        OverflowedSteps++;
        RejectedElements += total;
        LastOverflow = new UpdateOverflow(step, _arena.Host.Parameters[first].Name, parameters, total);
        if (Source.Options.NonFinite == NonFinitePolicy.Throw) throw new NonFiniteUpdateException(LastOverflow);
        return StepResult.Overflowed;
    }

    /// <summary>
    /// Hands the device state back to <see cref="Source"/>: every slot, the EMA average and the
    /// accumulator of every parameter, the iteration, skip and overflow counters, and the
    /// algorithm's scalars (Nadam's momentum product). The CPU optimizer is built for the host arena
    /// first if it was not. Afterwards it saves, or continues training, from where the device stopped.
    /// </summary>
    public void CopyStateToSource()
    {
        var host = _arena.Host;
        Source.Build(host);
        foreach (var name in Source.StateSlots)
            foreach (var p in host.Parameters)
                DownloadSlot(p, name, Source.SlotForRestore(p, name));
        var scalars = new Dictionary<string, double>(StringComparer.Ordinal);
        _algorithm.WriteScalars(scalars);
        Source.RestoreProgress(_rawIterations, SkippedSteps, OverflowedSteps, RejectedElements, LastOverflow, scalars);
    }

    /// <summary>Copies the named slot of <paramref name="parameter"/> (a name of the CPU optimizer's slots, <c>"average"</c> or <c>"accumulator"</c>) into <paramref name="destination"/>.</summary>
    /// <exception cref="KeyNotFoundException">No slot has that name.</exception>
    /// <exception cref="ArgumentException">The destination's length differs from the parameter's size.</exception>
    public void DownloadSlot(Parameter parameter, string slotName, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (destination.Length != parameter.Size)
            throw new ArgumentException($"Destination has {destination.Length} elements; parameter '{parameter.Name}' has {parameter.Size}.", nameof(destination));
        GpuArena.Range(SlotBuffer(slotName), _arena.Offset(parameter), parameter.Size).CopyToCPU(destination);
    }

    /// <summary>Exchanges the device weights with their moving averages (evaluate with the averages, call again to resume).</summary>
    /// <exception cref="InvalidOperationException">The CPU optimizer keeps no EMA.</exception>
    public void SwapEmaWeights()
    {
        if (_average is null) throw new InvalidOperationException($"Optimizer '{Source.Name}' keeps no weight average: set UseEma in its options.");
        RefreshLayout();
        RunMasked(_kernels.Swap, _average, _arena.Values);
    }

    /// <summary>Copies the moving averages into the device weights (Keras <c>finalize_variable_values</c>); does nothing without EMA.</summary>
    public void FinalizeVariableValues()
    {
        if (_average is null) return;
        RefreshLayout();
        RunMasked(_kernels.Copy, _average, _arena.Values);
    }

    private MemoryBuffer1D<float, Stride1D.Dense> SlotBuffer(string name)
    {
        for (int s = 0; s < _slotDefinitions.Length; s++)
            if (_slotDefinitions[s].Name == name) return _slots[s];
        if (name == "average" && _average is not null) return _average;
        if (name == "accumulator" && _accumulator is not null) return _accumulator;
        throw new KeyNotFoundException($"Optimizer '{Source.Name}' has no slot '{name}' on the device.");
    }

    private void UploadState(MemoryBuffer1D<float, Stride1D.Dense> slot, string name)
    {
        foreach (var p in _arena.Host.Parameters)
            GpuArena.Range(slot, p.ArenaOffset, p.Size).CopyFromCPU(Source.GetSlot(p, name));
    }

    private void RunMasked(Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>> kernel,
        MemoryBuffer1D<float, Stride1D.Dense> a, MemoryBuffer1D<float, Stride1D.Dense> b)
    {
        if (_arena.Length > 0) kernel(_arena.Length, a.View, b.View, _arena.Segments.View, _activeBuffer.View);
    }

    private void UpdateAverage()
    {
        if (_average is null) return;
        // Keras: the first call copies the weights (momentum 0), later calls average.
        float momentum = Iterations == 0 ? 0f : (float)Source.Options.EmaMomentum;
        if (_arena.Length > 0)
            _kernels.MovingAverage(_arena.Length, _average.View, _arena.Values.View, _arena.Segments.View, _activeBuffer.View, momentum);
        if (Source.Options.EmaOverwriteFrequency is { } f && (Iterations + 1) % f == 0)
            RunMasked(_kernels.Copy, _average, _arena.Values);
    }

    private StepResult Skip()
    {
        SkippedSteps++;
        if (Source.Options.NonFinite == NonFinitePolicy.Throw)
        {
            var parameters = _arena.Host.Parameters;
            for (int p = 0; p < parameters.Count; p++)
                if (!double.IsFinite(_squares[p]))
                    throw new NonFiniteGradientException(parameters[p].Name, Iterations);
        }
        return StepResult.SkippedNonFinite;
    }

    // Squared norms per parameter on the device; the host reads one double per parameter.
    private bool ReduceAndCheck()
    {
        if (_chunkCount > 0)
        {
            _kernels.SumSquares(new KernelConfig(_chunkCount, _kernels.GroupSize), _arena.Gradients.View, _chunkBuffer!.View, _partialBuffer!.View);
            _kernels.SumPerParameter(_arena.Host.Parameters.Count, _partialBuffer.View, _firstChunkBuffer.View, _squaresBuffer.View);
            _squaresBuffer.View.CopyToCPU(_squares);
        }
        else Array.Clear(_squares);
        foreach (double s in _squares)
            if (!double.IsFinite(s)) return false;
        return true;
    }

    private void ComputeCoefficients(double rate, bool clipsNorm)
    {
        var options = Source.Options;
        float sign = options.Maximize ? -1f : 1f;
        bool torch = Source.Convention == Convention.PyTorch;
        bool decoupled = Source.DecouplesWeightDecay;
        var parameters = _arena.Host.Parameters;
        double globalFactor = 1.0;
        if (options.GlobalClipNorm is { } global)
        {
            double total = 0;
            for (int p = 0; p < parameters.Count; p++) total += _squares[p];
            globalFactor = ClipFactor(Math.Sqrt(total), global, torch);
        }
        var groups = Source.Groups;
        for (int g = 0; g < _groupRates.Length; g++)
            _groupRates[g] = rate * (g == 0 ? 1.0 : groups[g - 1].LearningRateMultiplier);
        for (int p = 0; p < parameters.Count; p++)
        {
            ref var c = ref _parameterCoefficients[p];
            double factor = !clipsNorm ? 1.0 : options.ClipNorm is { } clip ? ClipFactor(Math.Sqrt(_squares[p]), clip, torch) : globalFactor;
            int g = c.Group;
            double decay = (g == 0 ? null : groups[g - 1].WeightDecay) ?? options.WeightDecay ?? 0.0;
            bool decays = Source.DecaysWeight(parameters[p]);
            c.Scale = sign * (float)factor;
            c.L2 = decays && !decoupled ? (float)decay : 0f;
            c.Decay = decays && decoupled ? (float)(decay * _groupRates[g]) : 0f;
        }
    }

    // Keras: c / max(n, c) (no epsilon). PyTorch clip_grad_norm_: min(c / (n + 1e-6), 1), applied even when 1.
    private static double ClipFactor(double norm, double clip, bool torch) =>
        torch ? Math.Min(clip / (norm + 1e-6), 1.0) : norm > clip ? clip / norm : 1.0;

    private void RefreshLayout()
    {
        var parameters = _arena.Host.Parameters;
        for (int p = 0; p < parameters.Count && !_layoutDirty; p++)
            _layoutDirty = parameters[p].Trainable != _trainableSeen[p];
        if (_groupRates.Length != Source.Groups.Count + 1)
        {
            _layoutDirty = true;
            _groupRates = new double[Source.Groups.Count + 1];
            _groupCoefficients = new StepCoefficients[_groupRates.Length];
            _groupBuffer.Dispose();
            _groupBuffer = _arena.Context.Accelerator.Allocate1D<StepCoefficients>(_groupRates.Length);
        }
        if (_layoutDirty) ResolveLayout(parameters);
    }

    // Groups, activity and the reduction chunks change only with the layout, never per step.
    private void ResolveLayout(IReadOnlyList<Parameter> parameters)
    {
        var groups = Source.Groups;
        var chunks = new List<ReductionChunk>();
        var first = new int[parameters.Count + 1];
        for (int p = 0; p < parameters.Count; p++)
        {
            int group = 0;
            for (int g = 0; g < groups.Count && group == 0; g++)
                if (groups[g].Matches(parameters[p])) group = g + 1;
            bool active = parameters[p].Trainable && (group == 0 || !groups[group - 1].Frozen);
            _trainableSeen[p] = parameters[p].Trainable;
            _parameterCoefficients[p] = new ParameterCoefficients { Group = group, Active = active ? 1 : 0, Scale = 1f };
            _active[p] = active ? 1 : 0;
            first[p] = chunks.Count;
            if (!active) continue;
            for (int offset = 0; offset < parameters[p].Size; offset += ChunkFloats)
                chunks.Add(new ReductionChunk { Start = parameters[p].ArenaOffset + offset, Length = Math.Min(ChunkFloats, parameters[p].Size - offset) });
        }
        first[parameters.Count] = chunks.Count;
        var accelerator = _arena.Context.Accelerator;
        _chunkBuffer?.Dispose();
        _partialBuffer?.Dispose();
        _chunkCount = chunks.Count;
        _chunkBuffer = accelerator.Allocate1D(chunks.Count > 0 ? chunks.ToArray() : [new ReductionChunk()]);
        _partialBuffer = accelerator.Allocate1D<double>(Math.Max(chunks.Count, 1));
        _firstChunkBuffer.View.CopyFromCPU(first);
        _activeBuffer.View.CopyFromCPU(_active);
        _layoutDirty = false;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _chunkBuffer?.Dispose();
        _partialBuffer?.Dispose();
        _firstChunkBuffer.Dispose();
        _groupBuffer.Dispose();
        _squaresBuffer.Dispose();
        _rejectedBuffer.Dispose();
        _activeBuffer.Dispose();
        _parameterBuffer.Dispose();
        _dummy.Dispose();
    }
}
