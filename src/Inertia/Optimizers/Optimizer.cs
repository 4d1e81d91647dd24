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
/// <para>This class is the only pipeline: it decides (skip, clip factors, coefficients, counters) and
/// hands every element-wise pass to an executor, the chunked multi-core CPU one by default (see
/// <see cref="OptimizerLayout"/> for the chunks) or a device's. A shard (<see cref="Build(ParameterArena, OptimizerShard)"/>)
/// runs the same pipeline on a contiguous range of the arena and combines its partial results
/// across shards before every decision.</para>
/// <para>The clip scale, <c>maximize</c>, L2 and decoupled decay are folded into the update kernel
/// (<see cref="GradientTransform"/>); only the finiteness check (and, with clipping, the norm) needs
/// a separate read of the gradients.</para>
/// </remarks>
public abstract partial class Optimizer
{
    private readonly List<ParameterGroup> _groups = [];
    private readonly List<Regex> _decayExclusions = [];
    private double _constantRate;
    private LearningRateSchedule? _schedule;
    private long _rawIterations;

    private ParameterArena? _arena;
    private OptimizerShard? _shard;
    private OptimizerLayout? _layout;
    private IOptimizerExecutor? _executor;
    private SlotDefinition[] _slotDefinitions = [];
    private bool _layoutDirty = true;
    private bool[] _trainableSeen = [];
    private double[] _parameterPartials = [];
    private long[] _parameterRejected = [];

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

    /// <summary>The arena this optimizer was built for, or null before <see cref="Build(ParameterArena)"/>.</summary>
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

    /// <summary><see cref="DecoupledWeightDecay"/>, for the executors, which must never decide it from the optimizer's type.</summary>
    internal bool DecouplesWeightDecay => DecoupledWeightDecay;

    /// <summary>Whether the algorithm has a momentum (or β₁) that a schedule such as <see cref="OneCycle"/> may set each step.</summary>
    protected virtual bool SupportsScheduledMomentum => false;

    /// <summary>Whether the schedule imposes a momentum every step.</summary>
    protected bool MomentumIsScheduled => _schedule?.Momentum(0) is not null;
}
