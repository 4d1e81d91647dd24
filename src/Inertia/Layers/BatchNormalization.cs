using Inertia.Autograd;
using Inertia.Autograd.Ops;
using Inertia.Initializers;
using Inertia.Tensors;

namespace Inertia.Layers;

/// <summary>
/// Keras <c>BatchNormalization</c> over the last axis. In training (and while
/// <see cref="Layer.Trainable"/>) it normalizes with the batch mean and biased variance and
/// updates the moving statistics: moving ← moving·momentum + batch·(1 − momentum). In inference,
/// or when frozen, it normalizes with the moving statistics and leaves them unchanged.
/// </summary>
public sealed class BatchNormalization : Layer
{
    private Parameter? _gamma, _beta;
    private Tensor? _movingMean, _movingVariance;

    /// <summary>Creates the layer (Keras defaults).</summary>
    /// <param name="momentum">Weight of the old moving statistics, in [0, 1]; a double so that 1 − momentum rounds to float32 as in Keras.</param>
    /// <param name="epsilon">Added to the variance; positive.</param>
    /// <param name="center">Whether to learn an offset β.</param>
    /// <param name="scale">Whether to learn a scale γ.</param>
    /// <param name="betaInitializer">Default <see cref="Zeros"/>.</param>
    /// <param name="gammaInitializer">Default <see cref="Ones"/>.</param>
    /// <param name="name">Layer name; default <c>batch_normalization</c>, …</param>
    /// <exception cref="ArgumentOutOfRangeException">momentum is outside [0, 1] or epsilon is not positive.</exception>
    public BatchNormalization(double momentum = 0.99, float epsilon = 0.001f, bool center = true, bool scale = true,
        Initializer? betaInitializer = null, Initializer? gammaInitializer = null, string? name = null) : base(name)
    {
        if (!(momentum >= 0 && momentum <= 1))
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "momentum must be in [0, 1].");
        if (!(epsilon > 0f) || float.IsInfinity(epsilon))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be a positive finite number.");
        Momentum = momentum;
        Epsilon = epsilon;
        Center = center;
        Scale = scale;
        BetaInitializer = betaInitializer ?? new Zeros();
        GammaInitializer = gammaInitializer ?? new Ones();
    }

    /// <summary>Weight of the old moving statistics in each update.</summary>
    public double Momentum { get; }

    /// <summary>Added to the variance before the square root.</summary>
    public float Epsilon { get; }

    /// <summary>Whether β is learned.</summary>
    public bool Center { get; }

    /// <summary>Whether γ is learned.</summary>
    public bool Scale { get; }

    /// <summary>Initializer of β.</summary>
    public Initializer BetaInitializer { get; }

    /// <summary>Initializer of γ.</summary>
    public Initializer GammaInitializer { get; }

    /// <summary>γ, once built with <see cref="Scale"/>.</summary>
    public Parameter? Gamma => _gamma;

    /// <summary>β, once built with <see cref="Center"/>.</summary>
    public Parameter? Beta => _beta;

    /// <summary>The moving mean (state <c>{name}/moving_mean</c>), once built.</summary>
    public Tensor MovingMean => _movingMean ?? throw new InvalidOperationException($"Layer '{Name}' is not built.");

    /// <summary>The moving variance (state <c>{name}/moving_variance</c>), once built.</summary>
    public Tensor MovingVariance => _movingVariance ?? throw new InvalidOperationException($"Layer '{Name}' is not built.");

    /// <inheritdoc />
    protected override Shape OnBuild(Shape inputShape)
    {
        if (inputShape.Rank < 1 || inputShape[-1] < 1)
            throw new ArgumentException($"BatchNormalization '{Name}' needs a feature axis last, got {inputShape}.", nameof(inputShape));
        var features = new Shape(inputShape[-1]);
        if (Scale) _gamma = AddWeight("gamma", features, GammaInitializer);
        if (Center) _beta = AddWeight("beta", features, BetaInitializer);
        _movingMean = AddState("moving_mean", features, 0f);
        _movingVariance = AddState("moving_variance", features, 1f);
        return inputShape;
    }

    /// <inheritdoc />
    public override Variable Call(Tape tape, Variable input, bool training)
    {
        ArgumentNullException.ThrowIfNull(tape);
        var gamma = _gamma is null ? null : tape.Parameter(_gamma);
        var beta = _beta is null ? null : tape.Parameter(_beta);
        return tape.BatchNorm(input, gamma, beta, MovingMean, MovingVariance, Epsilon, training && Trainable, Momentum);
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetConfig()
    {
        var config = BaseConfig();
        config["axis"] = -1;
        config["momentum"] = Momentum;
        config["epsilon"] = (double)Epsilon;
        config["center"] = Center;
        config["scale"] = Scale;
        config["beta_initializer"] = Initializer.Serialize(BetaInitializer);
        config["gamma_initializer"] = Initializer.Serialize(GammaInitializer);
        return config;
    }
}
