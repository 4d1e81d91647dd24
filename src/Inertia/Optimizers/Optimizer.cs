using System.Globalization;
using System.Text.RegularExpressions;
using Inertia.Schedules;
using Inertia.Tensors;

namespace Inertia.Optimizers;

/// <summary>
/// Base of every optimizer: the Keras 3 pipeline around one fused update kernel per algorithm.
/// One <see cref="Apply()"/> call runs, in order: gradient accumulation → clipvalue / clipnorm
/// (per parameter) / global clipnorm → non-finite check (skip-and-count or throw, never writing
/// NaN) → learning rate (constant or schedule) → decoupled weight decay (or PyTorch L2) → the
/// update (an element whose new weight or state would not be finite keeps its old values: see
/// <see cref="StepResult.Overflowed"/>) → EMA of the weights → iteration count.
/// </summary>
/// <remarks>
/// <para>At <see cref="Build"/> the arena is cut into cache-sized chunks that never straddle a
/// parameter, so per-parameter and per-group coefficients apply chunk by chunk. Each pass runs the
/// chunks through <see cref="Parallelism.For"/> with one reused work object: no allocation per step,
/// and every element's arithmetic is independent of the thread count. Norms are summed per chunk
/// in double into a fixed array, then added in chunk order, so they are thread-count independent too.</para>
/// <para>The clip scale, <c>maximize</c>, L2 and decoupled decay are folded into the update kernel
/// (<see cref="GradientTransform"/>); only the finiteness check (and, with clipping, the norm) needs
/// a separate read of the gradients.</para>
/// </remarks>
public abstract partial class Optimizer
{
    /// <summary>Floats per chunk: 64 KiB per array, so a chunk's arrays stay in L2 while the kernel streams them.</summary>
    internal const int ChunkFloats = 16384;

    private readonly List<ParameterGroup> _groups = [];
    private readonly List<Regex> _decayExclusions = [];
    private readonly ChunkWork _work;
    private double _constantRate;
    private LearningRateSchedule? _schedule;
    private long _rawIterations;

    private ParameterArena? _arena;
    private SlotDefinition[] _slotDefinitions = [];
    private AlignedBuffer[] _slots = [];
    private AlignedBuffer? _average;
    private AlignedBuffer? _accumulator;
    private Chunk[] _chunks = [];
    private double[] _chunkPartials = [];
    private int[] _chunkRejected = [];
    private int[] _active = [];
    private int _activeCount;
    private bool _layoutDirty = true;
    private bool[] _trainableSeen = [];
    private int[] _parameterGroup = [];
    private bool[] _parameterActive = [];
    private bool[] _parameterDecays = [];
    private float[] _parameterScale = [];
    private double[] _parameterSquares = [];
    private double[] _groupRates = [1.0];
    private float[] _groupDecay = [0f];
    private float[] _groupL2 = [0f];
    private float _clipValue = float.PositiveInfinity;

    /// <summary>Sets the learning rate and the shared options; hyperparameters are validated by the derived constructor.</summary>
    /// <exception cref="ArgumentException">The options combine settings Keras rejects (two clip kinds, overwrite frequency without EMA).</exception>
    protected Optimizer(string name, LearningRateValue learningRate, OptimizerOptions? options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Options = options ?? OptimizerOptions.Keras;
        Options.Validate();
        Name = name;
        _constantRate = learningRate.Constant;
        _schedule = learningRate.Schedule;
        _work = new ChunkWork(this);
    }

    /// <summary>The optimizer's name (Keras <c>name</c>); defaults to the algorithm's Keras class name.</summary>
    public string Name { get; }

    /// <summary>The shared settings (clipping, weight decay, EMA, accumulation, convention, ...).</summary>
    public OptimizerOptions Options { get; }

    /// <summary>Whose numerics this optimizer follows where Keras and PyTorch differ.</summary>
    public Convention Convention => Options.Convention;

    /// <summary>The schedule driving the learning rate, or null while the rate is a constant.</summary>
    public LearningRateSchedule? Schedule => _schedule;

    /// <summary>
    /// The learning rate the next update uses (the schedule evaluated at the raw call counter, as
    /// Keras does). Setting it replaces any schedule with this constant (ReduceLROnPlateau,
    /// LearningRateScheduler).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value set is negative, not finite or beyond float32's range.</exception>
    public double LearningRate
    {
        get => _schedule?.Evaluate(_rawIterations) ?? _constantRate;
        set
        {
            _constantRate = Check.LearningRate(value, nameof(LearningRate));
            _schedule = null;
        }
    }

    /// <summary>Number of updates applied (Keras <c>iterations</c>: raw calls divided by the accumulation steps).</summary>
    public long Iterations => _rawIterations / Options.GradientAccumulationSteps;

    /// <summary>Number of <see cref="Apply()"/> calls that updated or accumulated (skipped calls excluded).</summary>
    public long RawIterations => _rawIterations;

    /// <summary>Number of calls skipped because a gradient was not finite.</summary>
    public int SkippedSteps { get; private set; }

    /// <summary>Number of updates that overflowed: some element's new weight or state would not have been finite and kept its previous value.</summary>
    public int OverflowedSteps { get; private set; }

    /// <summary>Number of elements, over all overflowed updates, that kept their previous weight and state.</summary>
    public long RejectedElements { get; private set; }

    /// <summary>What the most recent overflowed update rejected, or null if none has overflowed since the optimizer was created or loaded.</summary>
    public UpdateOverflow? LastOverflow { get; private set; }

    /// <summary>Whether an exponential moving average of the weights is kept.</summary>
    public bool UseEma => Options.UseEma;

    /// <summary>The arena this optimizer was built for, or null before <see cref="Build"/>.</summary>
    public ParameterArena? Arena => _arena;

    /// <summary>The per-parameter slots the algorithm needs, in order (empty for plain SGD).</summary>
    public IReadOnlyList<SlotDefinition> Slots => _arena is null ? DefineSlots() : _slotDefinitions;

    /// <summary>
    /// Bytes of optimizer state per parameter element: 4 per slot, plus 4 for the EMA average and 4
    /// for the gradient accumulator when those are enabled (Adam 8, AMSGrad 12, plain SGD 0).
    /// </summary>
    public int StateBytesPerParameter =>
        sizeof(float) * (Slots.Count + (UseEma ? 1 : 0) + (Options.GradientAccumulationSteps > 1 ? 1 : 0));

    /// <summary>The algorithm's name as the factory and configs spell it (<c>"adam"</c>, <c>"sgd"</c>, ...).</summary>
    protected abstract string FactoryName { get; }

    /// <summary>
    /// Whether weight decay is decoupled (<c>w ← w − w·λ·η</c>) rather than PyTorch L2 (<c>g ← g + λw</c>).
    /// Keras always decouples; PyTorch only with <c>decoupled_weight_decay</c> (AdamW and Lion override this).
    /// </summary>
    protected virtual bool DecoupledWeightDecay => Convention == Convention.Keras || Options.DecoupledWeightDecay;

    /// <summary>Whether the algorithm has a momentum (or β₁) that a schedule such as <see cref="OneCycle"/> may set each step.</summary>
    protected virtual bool SupportsScheduledMomentum => false;

    /// <summary>Whether the schedule imposes a momentum every step.</summary>
    protected bool MomentumIsScheduled => _schedule?.Momentum(0) is not null;

    // ---------------------------------------------------------------- groups and exclusions

    /// <summary>Adds a parameter group; earlier groups win when several match a parameter.</summary>
    public ParameterGroup AddGroup(ParameterGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        _groups.Add(group);
        _layoutDirty = true;
        return group;
    }

    /// <summary>The groups added, in matching order (the default group is implicit).</summary>
    public IReadOnlyList<ParameterGroup> Groups => _groups;

    /// <summary>
    /// Excludes parameters whose name matches any of the regular expressions (searched anywhere in
    /// the name, as Keras <c>exclude_from_weight_decay(var_names=...)</c>) from weight decay and L2.
    /// </summary>
    /// <exception cref="ArgumentException">A pattern is empty or not a valid regular expression.</exception>
    public void ExcludeFromWeightDecay(params string[] namePatterns)
    {
        ArgumentNullException.ThrowIfNull(namePatterns);
        foreach (var pattern in namePatterns)
        {
            ArgumentException.ThrowIfNullOrEmpty(pattern, nameof(namePatterns));
            _decayExclusions.Add(new Regex(pattern, RegexOptions.CultureInvariant));
        }
        _layoutDirty = true;
    }

    /// <summary>Excludes biases and normalization scales/offsets (names ending in <c>/bias</c>, <c>/gamma</c>, <c>/beta</c>) from weight decay.</summary>
    public void ExcludeBiasAndNormalizationFromWeightDecay() => ExcludeFromWeightDecay("/bias$", "/gamma$", "/beta$");

    /// <summary>Whether weight decay applies to <paramref name="parameter"/> (not excluded by name).</summary>
    public bool DecaysWeight(Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return !_decayExclusions.Any(r => r.IsMatch(parameter.Name));
    }

    // ---------------------------------------------------------------- build

    /// <summary>
    /// Allocates the slots for <paramref name="arena"/>'s layout and plans the chunks. Calling it
    /// again with the same arena does nothing; a different arena is refused.
    /// </summary>
    /// <exception cref="InvalidOperationException">The optimizer was already built for another arena.</exception>
    /// <exception cref="ArgumentException">The schedule cycles momentum and this algorithm has none.</exception>
    public void Build(ParameterArena arena)
    {
        ArgumentNullException.ThrowIfNull(arena);
        if (ReferenceEquals(arena, _arena)) return;
        if (_arena is not null)
            throw new InvalidOperationException($"Optimizer '{Name}' is already built for another set of parameters; create a new optimizer for this one.");
        if (MomentumIsScheduled && !SupportsScheduledMomentum)
            throw new ArgumentException($"The schedule {_schedule!.ClassName} cycles momentum but {GetType().Name} has no momentum; disable its momentum cycling.", "learningRate");

        _slotDefinitions = DefineSlots();
        _slots = _slotDefinitions.Select(s => arena.CreateSlot(s.InitialValue)).ToArray();
        if (UseEma)
        {
            // The first update copies the weights anyway (Keras); starting from a copy also makes
            // swapping meaningful before any step and for parameters unfrozen later.
            _average = arena.CreateSlot();
            arena.Values.Span.CopyTo(_average.Span);
        }
        if (Options.GradientAccumulationSteps > 1)
            _accumulator = arena.CreateSlot();

        var chunks = new List<Chunk>();
        var parameters = arena.Parameters;
        for (int p = 0; p < parameters.Count; p++)
        {
            int start = parameters[p].ArenaOffset;
            int padded = (parameters[p].Size + AlignedBuffer.AlignmentFloats - 1) / AlignedBuffer.AlignmentFloats * AlignedBuffer.AlignmentFloats;
            for (int offset = 0; offset < padded; offset += ChunkFloats)
                chunks.Add(new Chunk(start + offset, Math.Min(ChunkFloats, padded - offset), p));
        }
        _chunks = chunks.ToArray();
        _chunkPartials = new double[_chunks.Length];
        _chunkRejected = new int[_chunks.Length];
        _active = new int[_chunks.Length];
        _trainableSeen = new bool[parameters.Count];
        _parameterGroup = new int[parameters.Count];
        _parameterActive = new bool[parameters.Count];
        _parameterDecays = new bool[parameters.Count];
        _parameterScale = new float[parameters.Count];
        _parameterSquares = new double[parameters.Count];
        _arena = arena;
        _layoutDirty = true;
    }

    /// <summary>The slots the algorithm needs with its current hyperparameters.</summary>
    protected abstract SlotDefinition[] DefineSlots();

    /// <summary>The slot buffer number <paramref name="index"/> (order of <see cref="DefineSlots"/>), same layout as the arena.</summary>
    protected AlignedBuffer SlotBuffer(int index) => _slots[index];

    /// <summary>The values of the built arena.</summary>
    protected AlignedBuffer ValueBuffer => _arena!.Values;

    /// <summary>The gradients of the built arena.</summary>
    protected AlignedBuffer GradientBuffer => _arena!.Gradients;

    // ---------------------------------------------------------------- apply

    /// <summary>
    /// One optimizer call on the arena's current gradients (Keras <c>apply</c>). With gradient
    /// accumulation, the final call of each group of N overwrites the gradients with their mean.
    /// </summary>
    /// <returns>Whether the call updated, updated but overflowed in some elements, only accumulated, or skipped a non-finite gradient.</returns>
    /// <exception cref="InvalidOperationException">The optimizer is not built.</exception>
    /// <exception cref="NonFiniteGradientException">A gradient is not finite and the policy is <see cref="NonFinitePolicy.Throw"/>.</exception>
    /// <exception cref="NonFiniteUpdateException">The update overflowed and the policy is <see cref="NonFinitePolicy.Throw"/>; it was applied to every other element.</exception>
    public StepResult Apply()
    {
        if (_arena is null)
            throw new InvalidOperationException($"Optimizer '{Name}' is not built: call Build(arena) first.");
        RefreshLayout();

        int n = Options.GradientAccumulationSteps;
        bool clipsNorm = Options.ClipNorm.HasValue || Options.GlobalClipNorm.HasValue;
        if (n > 1)
        {
            if (!RunCheck(Pass.CheckFinite)) return Skip();
            if ((_rawIterations + 1) % n != 0)
            {
                Run(Pass.Accumulate);
                UpdateAverage();
                _rawIterations++;
                return StepResult.Accumulated;
            }
            _work.Scalar = n;
            Run(Pass.Average);
            if (clipsNorm && !RunCheck(Pass.SumSquares)) return Skip();
        }
        else if (!RunCheck(clipsNorm ? Pass.SumSquares : Pass.CheckFinite))
        {
            return Skip();
        }

        ComputeGradientScales(clipsNorm);
        double rate = LearningRate;
        if (_schedule?.Momentum(_rawIterations) is { } momentum)
            SetScheduledMomentum(momentum);
        ComputeGroupCoefficients(rate);
        long step = Iterations + 1;
        PrepareStep(step, _groupRates);
        Run(Pass.Update);
        UpdateAverage();
        _rawIterations++;
        return CountRejected(step);
    }

    // The kernels already kept the old values of the rejected elements; this only reports them.
    private StepResult CountRejected(long step)
    {
        long rejected = 0;
        int first = -1, parameters = 0, last = -1;
        for (int i = 0; i < _activeCount; i++)
        {
            int id = _active[i];
            if (_chunkRejected[id] == 0) continue;
            rejected += _chunkRejected[id];
            int p = _chunks[id].Parameter;
            if (first < 0) first = p;
            if (p != last) parameters++;
            last = p;
        }
        if (rejected == 0) return StepResult.Updated;
        OverflowedSteps++;
        RejectedElements += rejected;
        LastOverflow = new UpdateOverflow(step, _arena!.Parameters[first].Name, parameters, rejected);
        if (Options.NonFinite == NonFinitePolicy.Throw) throw new NonFiniteUpdateException(LastOverflow);
        return StepResult.Overflowed;
    }

    /// <summary>
    /// The update pass of <see cref="Apply()"/> alone, for the benchmarks that separate the kernel's
    /// cost from the finiteness pre-pass: no check, no clipping norms, no EMA, no iteration counted.
    /// </summary>
    internal void UpdateWithoutCheck()
    {
        RefreshLayout();
        ComputeGradientScales(clipsNorm: false);
        ComputeGroupCoefficients(LearningRate);
        PrepareStep(Iterations + 1, _groupRates);
        Run(Pass.Update);
    }

    /// <summary>
    /// Keras <c>apply_gradients</c> for code that computes gradients itself: copies each gradient
    /// into its parameter's gradient (every other gradient of the arena is zeroed), builds on the
    /// first call, and applies.
    /// </summary>
    /// <exception cref="ArgumentException">A gradient's length differs from its parameter's size, or the parameters belong to different arenas (each message names the parameter).</exception>
    public StepResult ApplyGradients(IEnumerable<(Parameter Parameter, ReadOnlyMemory<float> Gradient)> gradients)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        var pairs = gradients.ToArray();
        if (pairs.Length == 0) throw new ArgumentException("No gradients were given.", nameof(gradients));
        var arena = pairs[0].Parameter.Arena
            ?? throw new ArgumentException($"Parameter '{pairs[0].Parameter.Name}' is not in a ParameterArena.", nameof(gradients));
        foreach (var (parameter, gradient) in pairs)
        {
            if (!ReferenceEquals(parameter.Arena, arena))
                throw new ArgumentException($"Parameter '{parameter.Name}' is not in the same arena as '{pairs[0].Parameter.Name}'.", nameof(gradients));
            if (gradient.Length != parameter.Size)
                throw new ArgumentException($"The gradient for parameter '{parameter.Name}' has {gradient.Length} elements; its shape {parameter.Shape} has {parameter.Size}.", nameof(gradients));
        }
        Build(arena);
        arena.ZeroGradients();
        foreach (var (parameter, gradient) in pairs)
            gradient.Span.CopyTo(parameter.Gradient.Span);
        return Apply();
    }

    /// <summary>
    /// Computes the per-group coefficients of the coming update (β powers, bias corrections, ...)
    /// in double, once per step. Called only for updates that will be applied.
    /// </summary>
    /// <param name="step">The update's 1-based step number t (Keras <c>iterations + 1</c>).</param>
    /// <param name="groupLearningRates">Learning rate of each group (index 0: the default group), this step.</param>
    protected abstract void PrepareStep(long step, ReadOnlySpan<double> groupLearningRates);

    /// <summary>
    /// The fused update of elements [<paramref name="start"/>, start + <paramref name="length"/>) of the
    /// arena: whole padded parameters or cache-sized pieces of one, so <paramref name="length"/> is a
    /// multiple of 16 floats and of <c>Vector&lt;float&gt;.Count</c> and no scalar tail is needed.
    /// Padding holds zeros in every buffer and each kernel maps zeros to zeros.
    /// </summary>
    /// <returns>
    /// The number of elements left unchanged because their new weight or a new slot value was not
    /// finite: a kernel stores an element's results only when all of them are finite.
    /// </returns>
    protected abstract int UpdateRange(int group, in GradientTransform transform, int start, int length);

    /// <summary>Sets the momentum (or β₁) a schedule imposes for the coming update.</summary>
    protected virtual void SetScheduledMomentum(double momentum) =>
        throw new InvalidOperationException($"{GetType().Name} has no momentum for a schedule to set.");

    private StepResult Skip()
    {
        SkippedSteps++;
        if (Options.NonFinite == NonFinitePolicy.Throw)
        {
            var arena = _arena!;
            for (int i = 0; i < _activeCount; i++)
            {
                ref readonly var chunk = ref _chunks[_active[i]];
                if (!double.IsFinite(_chunkPartials[_active[i]]))
                    throw new NonFiniteGradientException(arena.Parameters[chunk.Parameter].Name, Iterations);
            }
        }
        return StepResult.SkippedNonFinite;
    }

    private bool RunCheck(Pass pass)
    {
        Run(pass);
        for (int i = 0; i < _activeCount; i++)
            if (!double.IsFinite(_chunkPartials[_active[i]])) return false;
        return true;
    }

    private void ComputeGradientScales(bool clipsNorm)
    {
        float sign = Options.Maximize ? -1f : 1f;
        bool torch = Convention == Convention.PyTorch;
        if (!clipsNorm)
        {
            Array.Fill(_parameterScale, sign);
            return;
        }
        Array.Clear(_parameterSquares);
        for (int i = 0; i < _activeCount; i++)
            _parameterSquares[_chunks[_active[i]].Parameter] += _chunkPartials[_active[i]];
        if (Options.ClipNorm is { } c)
        {
            for (int p = 0; p < _parameterScale.Length; p++)
                _parameterScale[p] = sign * (float)ClipFactor(Math.Sqrt(_parameterSquares[p]), c, torch);
        }
        else
        {
            double total = 0;
            foreach (double s in _parameterSquares) total += s;
            Array.Fill(_parameterScale, sign * (float)ClipFactor(Math.Sqrt(total), Options.GlobalClipNorm!.Value, torch));
        }
    }

    // Keras: c / max(n, c) (no epsilon). PyTorch clip_grad_norm_: min(c / (n + 1e-6), 1), applied even when 1.
    private static double ClipFactor(double norm, double clip, bool torch) =>
        torch ? Math.Min(clip / (norm + 1e-6), 1.0) : norm > clip ? clip / norm : 1.0;

    private void ComputeGroupCoefficients(double rate)
    {
        bool decoupled = DecoupledWeightDecay;
        for (int g = 0; g < _groupRates.Length; g++)
        {
            var group = g == 0 ? null : _groups[g - 1];
            double groupRate = rate * (group?.LearningRateMultiplier ?? 1.0);
            double decay = group?.WeightDecay ?? Options.WeightDecay ?? 0.0;
            _groupRates[g] = groupRate;
            _groupDecay[g] = decoupled ? (float)(decay * groupRate) : 0f;
            _groupL2[g] = decoupled ? 0f : (float)decay;
        }
    }

    private void RefreshLayout()
    {
        var parameters = _arena!.Parameters;
        for (int p = 0; p < parameters.Count && !_layoutDirty; p++)
            _layoutDirty = parameters[p].Trainable != _trainableSeen[p];
        if (_layoutDirty) ResolveLayout(parameters);
    }

    // Separate from RefreshLayout so the lambda's closure is allocated only when the layout changes.
    private void ResolveLayout(IReadOnlyList<Parameter> parameters)
    {
        if (_groupRates.Length != _groups.Count + 1)
        {
            _groupRates = new double[_groups.Count + 1];
            _groupDecay = new float[_groups.Count + 1];
            _groupL2 = new float[_groups.Count + 1];
        }
        for (int p = 0; p < parameters.Count; p++)
        {
            int group = _groups.FindIndex(g => g.Matches(parameters[p])) + 1;
            _parameterGroup[p] = group;
            _trainableSeen[p] = parameters[p].Trainable;
            _parameterActive[p] = parameters[p].Trainable && (group == 0 || !_groups[group - 1].Frozen);
            _parameterDecays[p] = DecaysWeight(parameters[p]);
        }
        _activeCount = 0;
        for (int c = 0; c < _chunks.Length; c++)
            if (_parameterActive[_chunks[c].Parameter])
                _active[_activeCount++] = c;
        _clipValue = Options.ClipValue is { } clip ? (float)clip : float.PositiveInfinity;
        _layoutDirty = false;
    }

    // ---------------------------------------------------------------- EMA

    private void UpdateAverage()
    {
        if (!UseEma) return;
        // Keras: the first call copies the weights (momentum 0), later calls average.
        _work.Scalar = Iterations == 0 ? 0f : (float)Options.EmaMomentum;
        Run(Pass.Ema);
        if (Options.EmaOverwriteFrequency is { } f && (Iterations + 1) % f == 0)
            Run(Pass.CopyAverageToValues);
    }

    /// <summary>
    /// Exchanges the weights of the updated parameters with their moving averages: call once to
    /// evaluate with the averaged weights, again to resume training.
    /// </summary>
    /// <exception cref="InvalidOperationException">EMA is off or the optimizer is not built.</exception>
    public void SwapEmaWeights()
    {
        RequireEma();
        RefreshLayout();
        Run(Pass.Swap);
    }

    /// <summary>Copies the moving averages into the weights (Keras <c>finalize_variable_values</c>, called at the end of training); does nothing without EMA.</summary>
    public void FinalizeVariableValues()
    {
        if (!UseEma || _arena is null) return;
        RefreshLayout();
        Run(Pass.CopyAverageToValues);
    }

    private void RequireEma()
    {
        if (!UseEma) throw new InvalidOperationException($"Optimizer '{Name}' keeps no weight average: set UseEma in its options.");
        if (_arena is null) throw new InvalidOperationException($"Optimizer '{Name}' is not built: call Build(arena) first.");
    }

    // ---------------------------------------------------------------- slots

    /// <summary>
    /// The state of <paramref name="parameter"/> in the named slot (a name of <see cref="Slots"/>,
    /// <c>"average"</c> for the EMA weights, <c>"accumulator"</c> for accumulated gradients).
    /// </summary>
    /// <exception cref="KeyNotFoundException">No slot has that name.</exception>
    /// <exception cref="ArgumentException">The parameter is not in the built arena.</exception>
    public ReadOnlySpan<float> GetSlot(Parameter parameter, string slotName)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (_arena is null || !ReferenceEquals(parameter.Arena, _arena))
            throw new ArgumentException($"Parameter '{parameter.Name}' is not in the arena optimizer '{Name}' was built for.", nameof(parameter));
        return SlotByName(slotName).Slice(parameter.ArenaOffset, parameter.Size);
    }

    private AlignedBuffer SlotByName(string slotName)
    {
        for (int i = 0; i < _slotDefinitions.Length; i++)
            if (_slotDefinitions[i].Name == slotName) return _slots[i];
        if (slotName == "average" && _average is not null) return _average;
        if (slotName == "accumulator" && _accumulator is not null) return _accumulator;
        throw new KeyNotFoundException($"Optimizer '{Name}' has no slot '{slotName}'; its slots are: {string.Join(", ", StateSlotNames())}.");
    }

    private IEnumerable<string> StateSlotNames()
    {
        foreach (var s in _slotDefinitions) yield return s.Name;
        if (_average is not null) yield return "average";
        if (_accumulator is not null) yield return "accumulator";
    }

    // ---------------------------------------------------------------- config

    /// <summary>
    /// The optimizer's configuration with every hyperparameter resolved, as the factory's settings;
    /// <see cref="OptimizerFactory.FromConfig"/> rebuilds an equivalent optimizer (groups and weight-decay
    /// exclusions are structure, not config, and are not included).
    /// </summary>
    public OptimizerConfig GetConfig()
    {
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = Name,
            ["convention"] = Convention == Convention.Keras ? "keras" : "pytorch",
            ["learningRate"] = _schedule?.ToJson() ?? Format(_constantRate),
        };
        if (Options.WeightDecay is { } wd) settings["weightDecay"] = Format(wd);
        if (Options.DecoupledWeightDecay) settings["decoupledWeightDecay"] = "true";
        if (Options.ClipNorm is { } cn) settings["clipnorm"] = Format(cn);
        if (Options.ClipValue is { } cv) settings["clipvalue"] = Format(cv);
        if (Options.GlobalClipNorm is { } gc) settings["globalClipnorm"] = Format(gc);
        if (Options.UseEma)
        {
            settings["useEma"] = "true";
            settings["emaMomentum"] = Format(Options.EmaMomentum);
            if (Options.EmaOverwriteFrequency is { } f) settings["emaOverwriteFrequency"] = f.ToString(CultureInfo.InvariantCulture);
        }
        if (Options.GradientAccumulationSteps > 1)
            settings["gradientAccumulationSteps"] = Options.GradientAccumulationSteps.ToString(CultureInfo.InvariantCulture);
        if (Options.Maximize) settings["maximize"] = "true";
        if (Options.NonFinite == NonFinitePolicy.Throw) settings["nonFinite"] = "throw";
        AddHyperparameters(settings);
        return new OptimizerConfig(FactoryName, settings);
    }

    /// <summary>Adds the algorithm's own hyperparameters (resolved values) under their camelCase Keras names.</summary>
    protected abstract void AddHyperparameters(IDictionary<string, string> settings);

    /// <summary>The default a hyperparameter takes under the convention of <paramref name="options"/> when the caller gave none.</summary>
    protected static double Default(double? given, OptimizerOptions? options, double keras, double pytorch) =>
        given ?? (options?.Convention == Convention.PyTorch ? pytorch : keras);

    /// <summary>The learning rate given, or the convention's default.</summary>
    protected static LearningRateValue DefaultRate(LearningRateValue? given, OptimizerOptions? options, double keras, double pytorch) =>
        given ?? (options?.Convention == Convention.PyTorch ? pytorch : keras);

    /// <summary>Formats a hyperparameter so that parsing it gives back the same double.</summary>
    protected static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Formats a flag as the factory reads it.</summary>
    protected static string Format(bool value) => value ? "true" : "false";

    /// <inheritdoc />
    public override string ToString() => $"{GetType().Name} '{Name}' ({Convention}, lr {LearningRate}, {Iterations} iterations)";

    // ---------------------------------------------------------------- passes

    private void Run(Pass pass)
    {
        _work.Mode = pass;
        Parallelism.For(_activeCount, _work);
    }

    private enum Pass
    {
        CheckFinite,
        SumSquares,
        Accumulate,
        Average,
        Update,
        Ema,
        CopyAverageToValues,
        Swap,
    }

    private readonly record struct Chunk(int Start, int Length, int Parameter);

    /// <summary>The one reused loop body of every pass; <see cref="Mode"/> and <see cref="Scalar"/> are set before each run.</summary>
    private sealed class ChunkWork(Optimizer owner) : IParallelWork
    {
        public Pass Mode;
        public float Scalar;

        public void Execute(int index)
        {
            var o = owner;
            int id = o._active[index];
            var chunk = o._chunks[id];
            var arena = o._arena!;
            var gradients = arena.Gradients.Slice(chunk.Start, chunk.Length);
            switch (Mode)
            {
                case Pass.CheckFinite:
                    o._chunkPartials[id] = ChunkKernels.NonFiniteMarker(gradients);
                    break;
                case Pass.SumSquares:
                    o._chunkPartials[id] = ChunkKernels.SumOfSquares(gradients);
                    break;
                case Pass.Accumulate:
                    ChunkKernels.AddInto(o._accumulator!.Slice(chunk.Start, chunk.Length), gradients);
                    break;
                case Pass.Average:
                    ChunkKernels.MeanAndReset(gradients, o._accumulator!.Slice(chunk.Start, chunk.Length), Scalar);
                    break;
                case Pass.Update:
                    int p = chunk.Parameter;
                    int group = o._parameterGroup[p];
                    bool decays = o._parameterDecays[p];
                    var transform = new GradientTransform(
                        o._parameterScale[p], o._clipValue,
                        decays ? o._groupL2[group] : 0f, decays ? o._groupDecay[group] : 0f);
                    o._chunkRejected[id] = o.UpdateRange(group, transform, chunk.Start, chunk.Length);
                    break;
                case Pass.Ema:
                    ChunkKernels.MovingAverage(o._average!.Slice(chunk.Start, chunk.Length), arena.Values.Slice(chunk.Start, chunk.Length), Scalar);
                    break;
                case Pass.CopyAverageToValues:
                    o._average!.Slice(chunk.Start, chunk.Length).CopyTo(arena.Values.Slice(chunk.Start, chunk.Length));
                    break;
                case Pass.Swap:
                    ChunkKernels.Swap(o._average!.Slice(chunk.Start, chunk.Length), arena.Values.Slice(chunk.Start, chunk.Length));
                    break;
            }
        }
    }
}
