namespace Inertia.Optimizers;

/// <summary>
/// Creates optimizers from a name and text settings (the CLI's <c>--optimizer adam --set learningRate=3e-4</c>)
/// and from <see cref="OptimizerConfig"/>s. Setting names are Keras's in camelCase
/// (<c>learningRate</c>, <c>beta1</c>, <c>momentum</c>, <c>clipnorm</c>, <c>globalClipnorm</c>,
/// <c>weightDecay</c>, <c>useEma</c>, ...); <c>convention=pytorch</c> selects PyTorch numerics and defaults.
/// </summary>
public static class OptimizerFactory
{
    /// <summary>The names <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["sgd", "momentum", "nag", "adagrad", "rmsprop", "adam", "adamax", "nadam", "adamw", "radam", "adadelta", "lion"];

    /// <summary>
    /// Creates an optimizer. <c>momentum</c> is SGD with momentum 0.9 and <c>nag</c> SGD with Nesterov
    /// momentum 0.9 unless settings say otherwise. Settings not given take the convention's defaults.
    /// </summary>
    /// <exception cref="ArgumentException">The name, a setting key or a setting value is unknown or malformed (the message names it).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public static Optimizer Create(string name, IReadOnlyDictionary<string, string>? settings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        string key = name.Trim().ToLowerInvariant();
        var s = new OptimizerSettings(key, settings);
        var options = ReadOptions(s);
        var lr = s.LearningRate();
        string? displayName = s.String("name");
        Optimizer optimizer = key switch
        {
            // "momentum" and "nag" are presets: μ = 0.9 (and Nesterov) unless given.
            "sgd" => new SGD(lr, s.Double("momentum"), s.Bool("nesterov"), s.Double("dampening"), options, displayName),
            "momentum" or "nag" => new SGD(lr, s.Double("momentum") ?? 0.9, s.Bool("nesterov") ?? key == "nag", s.Double("dampening"), options, displayName),
            "adagrad" => new Adagrad(lr, s.Double("initialAccumulatorValue"), s.Double("epsilon"), s.Double("lrDecay"), options, displayName),
            "rmsprop" => new RMSprop(lr, s.Double("rho"), s.Double("momentum"), s.Double("epsilon"), s.Bool("centered"), options, displayName),
            "adam" => new Adam(lr, s.Double("beta1"), s.Double("beta2"), s.Double("epsilon"), s.Bool("amsgrad"), options, displayName),
            "adamw" => new AdamW(lr, null, s.Double("beta1"), s.Double("beta2"), s.Double("epsilon"), s.Bool("amsgrad"), options, displayName),
            "adamax" => new Adamax(lr, s.Double("beta1"), s.Double("beta2"), s.Double("epsilon"), options, displayName),
            "nadam" => new Nadam(lr, s.Double("beta1"), s.Double("beta2"), s.Double("epsilon"), s.Double("momentumDecay"), options, displayName),
            "radam" => new RAdam(lr, s.Double("beta1"), s.Double("beta2"), s.Double("epsilon"), options, displayName),
            "adadelta" => new Adadelta(lr, s.Double("rho"), s.Double("epsilon"), options, displayName),
            "lion" => new Lion(lr, s.Double("beta1"), s.Double("beta2"), options, displayName),
            _ => throw new ArgumentException($"Unknown optimizer '{name}'. Known: {string.Join(", ", Names)}.", nameof(name)),
        };
        s.EnsureAllRead();
        return optimizer;
    }

    /// <summary>Rebuilds an optimizer from <see cref="Optimizer.GetConfig"/>'s result.</summary>
    public static Optimizer FromConfig(OptimizerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Create(config.Name, config.Settings);
    }

    private static OptimizerOptions ReadOptions(OptimizerSettings s)
    {
        var convention = s.String("convention")?.Trim().ToLowerInvariant() switch
        {
            null or "keras" => Convention.Keras,
            "pytorch" or "torch" => Convention.PyTorch,
            var other => throw new ArgumentException($"Setting 'convention' must be keras or pytorch, not '{other}'.", "settings"),
        };
        var nonFinite = s.String("nonFinite")?.Trim().ToLowerInvariant() switch
        {
            null or "skip" => NonFinitePolicy.Skip,
            "throw" => NonFinitePolicy.Throw,
            var other => throw new ArgumentException($"Setting 'nonFinite' must be skip or throw, not '{other}'.", "settings"),
        };
        return new OptimizerOptions
        {
            Convention = convention,
            WeightDecay = s.Double("weightDecay"),
            DecoupledWeightDecay = s.Bool("decoupledWeightDecay") ?? false,
            ClipNorm = s.Double("clipnorm"),
            ClipValue = s.Double("clipvalue"),
            GlobalClipNorm = s.Double("globalClipnorm"),
            UseEma = s.Bool("useEma") ?? false,
            EmaMomentum = s.Double("emaMomentum") ?? 0.99,
            EmaOverwriteFrequency = s.Int("emaOverwriteFrequency"),
            GradientAccumulationSteps = s.Int("gradientAccumulationSteps") ?? 1,
            Maximize = s.Bool("maximize") ?? false,
            NonFinite = nonFinite,
        };
    }
}
