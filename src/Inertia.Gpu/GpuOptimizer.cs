using ILGPU;
using ILGPU.Runtime;
using Inertia.Gpu.Optimizers;
using Inertia.Optimizers;
using Inertia.Tensors;

namespace Inertia.Gpu;

/// <summary>
/// Runs a CPU <see cref="Optimizer"/> on the device: its own pipeline (<see cref="Optimizer.Apply()"/>:
/// accumulation, skip, clipping, schedule, weight decay, EMA, counters, overflow report) takes every
/// decision on the host, and this object is only its executor, running each element-wise pass as
/// a kernel over the parameter, gradient and slot arenas in device memory. The update kernel runs
/// the optimizer's own <see cref="IUpdateRule{TCoefficients}"/> with the coefficients it prepared,
/// so nothing about an algorithm is re-specified here.
/// </summary>
/// <remarks>
/// Per step the host reads back one double per parameter (the squared norms, which decide skipping
/// and clipping) and, after the update, one count per parameter (rejected elements); it uploads the
/// per-parameter and per-group coefficients. The element-wise work never leaves the device. The
/// optimizer is built for the host arena if it was not, and its state (fresh or resumed) is copied
/// to the device, so training can move to the GPU mid-run; <see cref="CopyStateToSource"/> copies it back.
/// </remarks>
public sealed class GpuOptimizer : IDisposable, IOptimizerExecutor, IUpdateDispatch
{
    /// <summary>Floats one thread group reduces for the sum of squares (fewer than a CPU chunk: a GPU wants more groups).</summary>
    private const int ReductionChunkFloats = 8192;

    private readonly GpuArena _arena;
    private readonly Kernels _kernels;
    private readonly OptimizerLayout _layout;
    private readonly MemoryBuffer1D<float, Stride1D.Dense>[] _slots;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _unbound;
    private readonly MemoryBuffer1D<float, Stride1D.Dense>? _average;
    private readonly MemoryBuffer1D<float, Stride1D.Dense>? _accumulator;
    private readonly MemoryBuffer1D<ParameterCoefficients, Stride1D.Dense> _parameterBuffer;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _activeBuffer;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _squaresBuffer;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _rejectedBuffer;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _firstChunkBuffer;
    private readonly ParameterCoefficients[] _parameterCoefficients;
    private readonly int[] _active;
    private readonly double[] _squares;
    private readonly int[] _rejected;
    private MemoryBuffer? _groupBuffer;
    private MemoryBuffer1D<ReductionChunk, Stride1D.Dense>? _chunkBuffer;
    private MemoryBuffer1D<double, Stride1D.Dense>? _partialBuffer;
    private int _chunkCount;
    private int _layoutVersion = -1;

    /// <summary>Runs <paramref name="optimizer"/> on <paramref name="arena"/>'s device.</summary>
    /// <exception cref="NotSupportedException">The optimizer states no per-element rule (<see cref="Optimizer{TRule, TCoefficients}"/>), or is a shard.</exception>
    /// <exception cref="InvalidOperationException">The CPU optimizer is built for a different arena.</exception>
    public GpuOptimizer(Optimizer optimizer, GpuArena arena)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(arena);
        if (optimizer.Arena is { } built && !ReferenceEquals(built, arena.Host))
            throw new InvalidOperationException($"Optimizer '{optimizer.Name}' is built for another set of parameters than this GpuArena's.");
        if (!optimizer.StatesRule)
            throw new NotSupportedException($"Optimizer type {optimizer.GetType().FullName} states no per-element rule a device can run: derive it from Optimizer<TRule, TCoefficients>.");
        if (optimizer.Shard is not null)
            throw new NotSupportedException($"Optimizer '{optimizer.Name}' is built for a shard; the GPU backend runs whole arenas.");
        Source = optimizer;
        _arena = arena;
        _kernels = arena.Context.Kernels;
        optimizer.Build(arena.Host);
        _layout = optimizer.CurrentLayout();
        var accelerator = arena.Context.Accelerator;

        var slotNames = optimizer.Slots.Select(s => s.Name).ToArray();
        _slots = slotNames.Select(name => Upload(arena.CreateSlot(), name)).ToArray();
        _unbound = accelerator.Allocate1D<float>(1);
        _unbound.MemSetToZero();
        if (optimizer.UseEma) _average = Upload(arena.CreateSlot(), "average");
        if (optimizer.Options.GradientAccumulationSteps > 1) _accumulator = Upload(arena.CreateSlot(), "accumulator");

        int count = Math.Max(arena.Host.Parameters.Count, 1);
        _parameterCoefficients = new ParameterCoefficients[count];
        _active = new int[count];
        _squares = new double[count];
        _rejected = new int[count];
        _parameterBuffer = accelerator.Allocate1D<ParameterCoefficients>(count);
        _activeBuffer = accelerator.Allocate1D<int>(count);
        _squaresBuffer = accelerator.Allocate1D<double>(count);
        _rejectedBuffer = accelerator.Allocate1D<int>(count);
        _rejectedBuffer.MemSetToZero();
        _firstChunkBuffer = accelerator.Allocate1D<int>(count + 1);
    }

    /// <summary>The optimizer whose pipeline, configuration and counters this one runs.</summary>
    public Optimizer Source { get; }

    /// <summary>The device arena this optimizer updates.</summary>
    public GpuArena Arena => _arena;

    /// <summary>Raw calls that updated or accumulated (<see cref="Optimizer.RawIterations"/>).</summary>
    public long RawIterations => Source.RawIterations;

    /// <summary>Updates applied (<see cref="Optimizer.Iterations"/>).</summary>
    public long Iterations => Source.Iterations;

    /// <summary>Calls skipped because a gradient was not finite.</summary>
    public int SkippedSteps => Source.SkippedSteps;

    /// <summary>Updates that overflowed in some elements, which kept their previous values (<see cref="StepResult.Overflowed"/>).</summary>
    public int OverflowedSteps => Source.OverflowedSteps;

    /// <summary>Elements, over all overflowed updates, that kept their previous weight and state.</summary>
    public long RejectedElements => Source.RejectedElements;

    /// <summary>What the most recent overflowed update rejected, or null.</summary>
    public UpdateOverflow? LastOverflow => Source.LastOverflow;

    /// <summary>The learning rate the next update uses.</summary>
    public double LearningRate => Source.LearningRate;

    /// <summary>One optimizer call on the device gradients: <see cref="Optimizer.Apply()"/> with its passes on the device.</summary>
    /// <exception cref="NonFiniteGradientException">A gradient is not finite and the policy is <see cref="NonFinitePolicy.Throw"/>.</exception>
    /// <exception cref="NonFiniteUpdateException">The update overflowed and the policy is <see cref="NonFinitePolicy.Throw"/>; it was applied to every other element.</exception>
    public StepResult Apply() => Source.Apply(this);

    /// <summary>
    /// Copies the device state back into <see cref="Source"/>'s host arrays (every slot, the EMA
    /// average, the accumulator); its counters and scalars are already current. Afterwards it
    /// saves, or continues training on the CPU, from where the device stopped.
    /// </summary>
    public void CopyStateToSource()
    {
        var names = Source.StateSlots;
        for (int s = 0; s < names.Count; s++)
            if (_arena.Length > 0) GpuArena.Range(StateBuffer(names[s]), 0, _arena.Length).CopyToCPU(Source.StateArray(names[s]));
    }

    /// <summary>Copies the named slot of <paramref name="parameter"/> (a name of the optimizer's slots, <c>"average"</c> or <c>"accumulator"</c>) into <paramref name="destination"/>.</summary>
    /// <exception cref="KeyNotFoundException">No slot has that name.</exception>
    /// <exception cref="ArgumentException">The destination's length differs from the parameter's size.</exception>
    public void DownloadSlot(Parameter parameter, string slotName, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (destination.Length != parameter.Size)
            throw new ArgumentException($"Destination has {destination.Length} elements; parameter '{parameter.Name}' has {parameter.Size}.", nameof(destination));
        GpuArena.Range(StateBuffer(slotName), _arena.Offset(parameter), parameter.Size).CopyToCPU(destination);
    }

    /// <summary>Exchanges the device weights with their moving averages (evaluate with the averages, call again to resume).</summary>
    /// <exception cref="InvalidOperationException">The optimizer keeps no EMA.</exception>
    public void SwapEmaWeights()
    {
        if (_average is null) throw new InvalidOperationException($"Optimizer '{Source.Name}' keeps no weight average: set UseEma in its options.");
        Source.CurrentLayout();
        SwapAverage();
    }

    /// <summary>Copies the moving averages into the device weights (Keras <c>finalize_variable_values</c>); does nothing without EMA.</summary>
    public void FinalizeVariableValues()
    {
        if (_average is null) return;
        Source.CurrentLayout();
        CopyAverageToValues();
    }

    // ---- IOptimizerExecutor: the passes, on the device.

    void IOptimizerExecutor.ReduceGradients(bool sumOfSquares, Span<double> perParameter)
    {
        // The sum of squares of finite floats cannot overflow a double, so it is also the finiteness check.
        Refresh();
        if (_chunkCount > 0)
        {
            _kernels.SumSquares(new KernelConfig(_chunkCount, _kernels.GroupSize), _arena.Gradients.View, _chunkBuffer!.View, _partialBuffer!.View);
            _kernels.SumPerParameter(_arena.Host.Parameters.Count, _partialBuffer.View, _firstChunkBuffer.View, _squaresBuffer.View);
            _squaresBuffer.View.CopyToCPU(_squares);
        }
        else Array.Clear(_squares);
        _squares.AsSpan(0, perParameter.Length).CopyTo(perParameter);
    }

    void IOptimizerExecutor.Accumulate() => RunMasked(_kernels.Accumulate, _accumulator!, _arena.Gradients);

    void IOptimizerExecutor.AverageAccumulated(int steps)
    {
        Refresh();
        if (_arena.Length > 0)
            _kernels.MeanAndReset(_arena.Length, _arena.Gradients.View, _accumulator!.View, _arena.Segments.View, _activeBuffer.View, steps);
    }

    void IOptimizerExecutor.Update(Span<long> rejectedPerParameter)
    {
        Refresh();
        for (int p = 0; p < _arena.Host.Parameters.Count; p++)
        {
            ref var c = ref _parameterCoefficients[p];
            bool decays = _layout.ParameterDecays[p];
            c.Scale = _layout.ParameterScale[p];
            c.L2 = decays ? _layout.GroupL2[c.Group] : 0f;
            c.Decay = decays ? _layout.GroupDecay[c.Group] : 0f;
        }
        _parameterBuffer.View.CopyFromCPU(_parameterCoefficients);
        Source.DispatchUpdate(this);
        _rejectedBuffer.View.CopyToCPU(_rejected);
        rejectedPerParameter.Clear();
        for (int p = 0; p < rejectedPerParameter.Length; p++)
            rejectedPerParameter[p] = _rejected[p];
        if (rejectedPerParameter.IndexOfAnyExcept(0L) >= 0) _rejectedBuffer.MemSetToZero();
    }

    void IUpdateDispatch.Run<TRule, TCoefficients>(TCoefficients[] groupCoefficients)
    {
        if (_groupBuffer is not MemoryBuffer1D<TCoefficients, Stride1D.Dense> groups || groups.Length != groupCoefficients.Length)
        {
            _groupBuffer?.Dispose();
            groups = _arena.Context.Accelerator.Allocate1D<TCoefficients>(groupCoefficients.Length);
            _groupBuffer = groups;
        }
        groups.View.CopyFromCPU(groupCoefficients);
        if (_arena.Length > 0)
            _kernels.Update<TRule, TCoefficients>()(_arena.Length, _arena.Values.View, _arena.Gradients.View,
                Bound(0), Bound(1), Bound(2), _arena.Segments.View, _parameterBuffer.View, groups.View, _layout.ClipValue, _rejectedBuffer.View);
    }

    void IOptimizerExecutor.MovingAverage(float momentum)
    {
        Refresh();
        if (_arena.Length > 0)
            _kernels.MovingAverage(_arena.Length, _average!.View, _arena.Values.View, _arena.Segments.View, _activeBuffer.View, momentum);
    }

    void IOptimizerExecutor.CopyAverageToValues() => CopyAverageToValues();

    void IOptimizerExecutor.SwapAverage() => SwapAverage();

    private void CopyAverageToValues() => RunMasked(_kernels.Copy, _average!, _arena.Values);

    private void SwapAverage() => RunMasked(_kernels.Swap, _average!, _arena.Values);

    // Slots beyond the optimizer's are bound to a one-element buffer the kernel reads as 0 and never writes.
    private ArrayView<float> Bound(int slot) => slot < _slots.Length ? _slots[slot].View : _unbound.View;

    private MemoryBuffer1D<float, Stride1D.Dense> StateBuffer(string name)
    {
        var slots = Source.Slots;
        for (int s = 0; s < slots.Count; s++)
            if (slots[s].Name == name) return _slots[s];
        if (name == "average" && _average is not null) return _average;
        if (name == "accumulator" && _accumulator is not null) return _accumulator;
        throw new KeyNotFoundException($"Optimizer '{Source.Name}' has no slot '{name}' on the device.");
    }

    private MemoryBuffer1D<float, Stride1D.Dense> Upload(MemoryBuffer1D<float, Stride1D.Dense> slot, string name)
    {
        if (_arena.Length > 0) GpuArena.Range(slot, 0, _arena.Length).CopyFromCPU(Source.StateArray(name));
        return slot;
    }

    private void RunMasked(Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>> kernel,
        MemoryBuffer1D<float, Stride1D.Dense> a, MemoryBuffer1D<float, Stride1D.Dense> b)
    {
        Refresh();
        if (_arena.Length > 0) kernel(_arena.Length, a.View, b.View, _arena.Segments.View, _activeBuffer.View);
    }

    // Groups, activity and the reduction chunks change only with the layout, never per step.
    private void Refresh()
    {
        if (_layoutVersion == _layout.Version) return;
        var parameters = _arena.Host.Parameters;
        var chunks = new List<ReductionChunk>();
        var first = new int[parameters.Count + 1];
        for (int p = 0; p < parameters.Count; p++)
        {
            bool active = _layout.ParameterActive[p];
            _parameterCoefficients[p] = new ParameterCoefficients { Group = _layout.ParameterGroup[p], Active = active ? 1 : 0, Scale = 1f };
            _active[p] = active ? 1 : 0;
            first[p] = chunks.Count;
            if (!active) continue;
            for (int offset = 0; offset < parameters[p].Size; offset += ReductionChunkFloats)
                chunks.Add(new ReductionChunk { Start = parameters[p].ArenaOffset + offset, Length = Math.Min(ReductionChunkFloats, parameters[p].Size - offset) });
        }
        first[parameters.Count] = chunks.Count;
        var accelerator = _arena.Context.Accelerator;
        _chunkBuffer?.Dispose();
        _partialBuffer?.Dispose();
        _chunkCount = chunks.Count;
        _chunkBuffer = accelerator.Allocate1D(chunks.Count > 0 ? chunks.ToArray() : [new ReductionChunk()]);
        _partialBuffer = accelerator.Allocate1D<double>(Math.Max(chunks.Count, 1));
        _firstChunkBuffer.View.SubView(0, first.Length).CopyFromCPU(first);
        _activeBuffer.View.CopyFromCPU(_active);
        _layoutVersion = _layout.Version;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _chunkBuffer?.Dispose();
        _partialBuffer?.Dispose();
        _groupBuffer?.Dispose();
        _firstChunkBuffer.Dispose();
        _squaresBuffer.Dispose();
        _rejectedBuffer.Dispose();
        _activeBuffer.Dispose();
        _parameterBuffer.Dispose();
        _unbound.Dispose();
    }
}
