namespace Inertia.Optimizers;

/// <summary>
/// Creates optimizers from a name and text settings (the CLI's <c>--optimizer adam --set learningRate=3e-4</c>)
/// and from <see cref="OptimizerConfig"/>s. Setting names are Keras's in camelCase
/// (<c>learningRate</c>, <c>beta1</c>, <c>momentum</c>, <c>clipnorm</c>, <c>globalClipnorm</c>,
/// <c>weightDecay</c>, <c>useEma</c>, ...); <c>convention=pytorch</c> selects PyTorch numerics and defaults.
/// </summary>
public static class OptimizerFactory
{
    // The registry: one line per optimizer, its factory name, how people spell it and how settings
    // become constructor arguments (only what was given is passed, so defaults live in the constructors).
    // Adding an optimizer is its own file plus one line here; the CLI's race, palette and help follow.
    private static readonly Registration[] Registry =
    [
        new("sgd", "SGD", (s, lr, o, n) => new SGD(lr, s.Double("momentum"), s.Bool("nesterov"), s.Double("dampening"), o, n)),
        // "momentum" and "nag" are presets: μ = 0.9 (and Nesterov) unless given.
        new("momentum", "Momentum", (s, lr, o, n) => new SGD(lr, s.Double("momentum") ?? 0.9, s.Bool("nesterov") ?? false, s.Double("dampening"), o, n)),
        new("nag", "NAG", (s, lr, o, n) => new SGD(lr, s.Double("momentum") ?? 0.9, s.Bool("nesterov") ?? true, s.Double("dampening"), o, n)),
        new("adagrad", "AdaGrad", (s, lr, o, n) => new Adagrad(lr, s.Double("initialAccumulatorValue"), s.Double("epsilon"), s.Double("lrDecay"), o, n)),
        new("rmsprop", "RMSprop", (s, lr, o, n) => new RMSprop(lr, s.Double("rho"), s.Double("momentum"), s.Double("epsilon"), s.Bool("centered"), o, n)),
        new("adam", "Adam", (s, lr, o, n) => new Adam(lr, s.Double("beta1"), s.Double("beta2"), s.Double("epsilon"), s.Bool("amsgrad"), o, n)),
        new("adamax", "AdaMax", (s, lr, o, n) => new Adamax(lr, s.Double("beta1"), s.Double("beta2"), s.Double("epsilon"), o, n)),
        new("nadam", "Nadam", (s, lr, o, n) => new Nadam(lr, s.Double("beta1"), s.Double("beta2"), s.Double("epsilon"), s.Double("momentumDecay"), o, n)),
        new("adamw", "AdamW", (s, lr, o, n) => new AdamW(lr, null, s.Double("beta1"), s.Double("beta2"), s.Double("epsilon"), s.Bool("amsgrad"), o, n)),
        new("radam", "RAdam", (s, lr, o, n) => new RAdam(lr, s.Double("beta1"), s.Double("beta2"), s.Double("epsilon"), o, n)),
        new("adadelta", "Adadelta", (s, lr, o, n) => new Adadelta(lr, s.Double("rho"), s.Double("epsilon"), o, n)),
        new("lion", "Lion", (s, lr, o, n) => new Lion(lr, s.Double("beta1"), s.Double("beta2"), o, n)),
    ];

    private static readonly Dictionary<string, Registration> ByName = Registry.ToDictionary(r => r.Name, StringComparer.Ordinal);

    /// <summary>The names <see cref="Create"/> accepts, in registry order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Registry.Select(r => r.Name)];

    /// <summary>How reports spell the optimizer registered as <paramref name="name"/> (<c>"adamw"</c> → <c>"AdamW"</c>).</summary>
    /// <exception cref="KeyNotFoundException">No optimizer is registered under that name.</exception>
    public static string DisplayName(string name) => ByName[name].DisplayName;

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
        if (!ByName.TryGetValue(key, out var registration))
            throw new ArgumentException($"Unknown optimizer '{name}'. Known: {string.Join(", ", Names)}.", nameof(name));
        var optimizer = registration.Create(s, lr, options, displayName);
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

    private sealed record Registration(string Name, string DisplayName, Func<OptimizerSettings, LearningRateValue?, OptimizerOptions, string?, Optimizer> Create);
}
