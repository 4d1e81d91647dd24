namespace Inertia.Optimizers;

/// <summary>
/// The settings every optimizer shares (Keras 3 base-optimizer arguments plus PyTorch's
/// <c>maximize</c> and <c>decoupled_weight_decay</c>). Each property validates its value when set,
/// so a bad setting fails where it is written.
/// </summary>
public sealed record OptimizerOptions
{
    private readonly double? _weightDecay;
    private readonly double? _clipNorm;
    private readonly double? _clipValue;
    private readonly double? _globalClipNorm;
    private readonly double _emaMomentum = 0.99;
    private readonly int? _emaOverwriteFrequency;
    private readonly int _gradientAccumulationSteps = 1;

    /// <summary>Default Keras settings.</summary>
    public static OptimizerOptions Keras { get; } = new();

    /// <summary>Default PyTorch settings (only <see cref="Convention"/> differs).</summary>
    public static OptimizerOptions PyTorch { get; } = new() { Convention = Convention.PyTorch };

    /// <summary>Whose numerics and defaults to follow. Default <see cref="Optimizers.Convention.Keras"/>.</summary>
    public Convention Convention { get; init; } = Convention.Keras;

    /// <summary>
    /// Weight decay λ, or null for none. Keras: decoupled, <c>w ← w − w·λ·η</c> before the update.
    /// PyTorch: L2, <c>g ← g + λ·w</c>, unless <see cref="DecoupledWeightDecay"/> (or AdamW / Lion).
    /// </summary>
    public double? WeightDecay { get => _weightDecay; init => _weightDecay = NonNegative(value, nameof(WeightDecay)); }

    /// <summary>PyTorch's <c>decoupled_weight_decay</c>: decay the weight instead of adding λ·w to the gradient. Keras always decouples.</summary>
    public bool DecoupledWeightDecay { get; init; }

    /// <summary>Per-parameter norm clipping (Keras <c>clipnorm</c>): each gradient scaled to norm at most c. Must be &gt; 0.</summary>
    public double? ClipNorm { get => _clipNorm; init => _clipNorm = Positive(value, nameof(ClipNorm)); }

    /// <summary>Elementwise clipping to [−c, c] (Keras <c>clipvalue</c>, PyTorch <c>clip_grad_value_</c>). Must be &gt; 0.</summary>
    public double? ClipValue { get => _clipValue; init => _clipValue = Positive(value, nameof(ClipValue)); }

    /// <summary>
    /// Clipping by the norm of all gradients together (Keras <c>global_clipnorm</c>; under the PyTorch
    /// convention <c>clip_grad_norm_</c> with its +1e-6). Must be &gt; 0.
    /// </summary>
    public double? GlobalClipNorm { get => _globalClipNorm; init => _globalClipNorm = Positive(value, nameof(GlobalClipNorm)); }

    /// <summary>Keep an exponential moving average of the weights (Keras <c>use_ema</c>).</summary>
    public bool UseEma { get; init; }

    /// <summary>Momentum of the weight average, in [0, 1]. Default 0.99.</summary>
    public double EmaMomentum
    {
        get => _emaMomentum;
        init
        {
            if (!(value >= 0 && value <= 1))
                throw new ArgumentOutOfRangeException(nameof(EmaMomentum), value, "EmaMomentum must be in [0, 1].");
            _emaMomentum = value;
        }
    }

    /// <summary>Copy the averages into the weights every this many iterations (Keras <c>ema_overwrite_frequency</c>); null: only at <see cref="Optimizer.FinalizeVariableValues"/>.</summary>
    public int? EmaOverwriteFrequency
    {
        get => _emaOverwriteFrequency;
        init
        {
            if (value < 1)
                throw new ArgumentOutOfRangeException(nameof(EmaOverwriteFrequency), value, "EmaOverwriteFrequency must be at least 1.");
            _emaOverwriteFrequency = value;
        }
    }

    /// <summary>Number of calls whose gradients are averaged into one update (Keras <c>gradient_accumulation_steps</c>); 1 means none.</summary>
    public int GradientAccumulationSteps
    {
        get => _gradientAccumulationSteps;
        init
        {
            if (value < 1)
                throw new ArgumentOutOfRangeException(nameof(GradientAccumulationSteps), value, "GradientAccumulationSteps must be at least 1.");
            _gradientAccumulationSteps = value;
        }
    }

    /// <summary>Ascend instead of descend (PyTorch <c>maximize</c>): the gradient is negated after clipping.</summary>
    public bool Maximize { get; init; }

    /// <summary>What to do with a NaN or infinite gradient. Default <see cref="NonFinitePolicy.Skip"/>.</summary>
    public NonFinitePolicy NonFinite { get; init; } = NonFinitePolicy.Skip;

    internal void Validate()
    {
        int clips = (ClipNorm.HasValue ? 1 : 0) + (ClipValue.HasValue ? 1 : 0) + (GlobalClipNorm.HasValue ? 1 : 0);
        if (clips > 1)
            throw new ArgumentException(
                $"Only one of ClipNorm ({ClipNorm}), ClipValue ({ClipValue}) and GlobalClipNorm ({GlobalClipNorm}) may be set, as in Keras.",
                nameof(OptimizerOptions));
        if (EmaOverwriteFrequency.HasValue && !UseEma)
            throw new ArgumentException($"EmaOverwriteFrequency ({EmaOverwriteFrequency}) needs UseEma = true.", nameof(EmaOverwriteFrequency));
    }

    private static double? NonNegative(double? value, string name)
    {
        if (value is { } v && !(v >= 0 && double.IsFinite(v)))
            throw new ArgumentOutOfRangeException(name, v, $"{name} must be a finite number ≥ 0.");
        return value;
    }

    private static double? Positive(double? value, string name)
    {
        if (value is { } v && !(v > 0 && double.IsFinite(v)))
            throw new ArgumentOutOfRangeException(name, v, $"{name} must be a finite number > 0 (leave it null to disable).");
        return value;
    }
}
