using System.Runtime.CompilerServices;
namespace Inertia.Optimizers;

/// <summary>
/// Stochastic gradient descent, optionally with momentum or Nesterov momentum (Keras <c>SGD</c>;
/// under <see cref="Convention.PyTorch"/>, <c>torch.optim.SGD</c> with its dampening and its
/// learning rate outside the momentum buffer). Slots: <c>momentum</c> only when momentum is used.
/// </summary>
public sealed class SGD : Optimizer<SGDRule, SGDCoefficients>
{
    private readonly bool _nesterov;
    private readonly double _dampening;
    private double _momentum;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Default 0.01 (Keras) / 1e-3 (PyTorch).</param>
    /// <param name="momentum">μ in [0, 1]; 0 for plain gradient descent; default 0.</param>
    /// <param name="nesterov">Nesterov momentum (PyTorch: needs μ &gt; 0 and no dampening); default false.</param>
    /// <param name="dampening">PyTorch dampening τ in [0, 1] (not in Keras; must be 0 there and with Nesterov); default 0.</param>
    /// <param name="options">Shared settings; null for Keras defaults.</param>
    /// <param name="name">Default "SGD".</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    /// <exception cref="ArgumentException">PyTorch Nesterov without momentum or with dampening; dampening under Keras.</exception>
    public SGD(LearningRateValue? learningRate = null, double? momentum = null, bool? nesterov = null, double? dampening = null,
        OptimizerOptions? options = null, string? name = null)
        : base(name ?? "SGD", DefaultRate(learningRate, options, 0.01, 1e-3), options)
    {
        _momentum = Check.UnitClosed(momentum ?? 0.0, nameof(momentum));
        _dampening = Check.UnitClosed(dampening ?? 0.0, nameof(dampening));
        _nesterov = nesterov ?? false;
        // Keras accepts Nesterov with μ = 0 (it is then plain descent); PyTorch refuses it.
        if (_nesterov && Convention == Convention.PyTorch && (_momentum == 0 || _dampening != 0))
            throw new ArgumentException($"PyTorch Nesterov momentum needs momentum > 0 and dampening 0 (momentum {_momentum}, dampening {_dampening}).", nameof(nesterov));
        if (_dampening != 0 && Convention == Convention.Keras)
            throw new ArgumentException($"dampening ({_dampening}) exists only under Convention.PyTorch.", nameof(dampening));
    }

    /// <summary>The momentum μ (the value a schedule set most recently, if it cycles momentum).</summary>
    public double Momentum => _momentum;

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov => _nesterov;

    /// <summary>PyTorch dampening τ.</summary>
    public double Dampening => _dampening;

    private bool HasMomentum => _momentum > 0 || MomentumIsScheduled;

    /// <inheritdoc />
    protected override string FactoryName => "sgd";

    /// <inheritdoc />
    protected override bool SupportsScheduledMomentum => true;

    /// <inheritdoc />
    protected override void SetScheduledMomentum(double momentum) => _momentum = momentum;

    /// <inheritdoc />
    protected override SlotDefinition[] DefineSlots() => HasMomentum ? [new("momentum")] : [];

    /// <inheritdoc />
    protected override void PrepareStep(long step, ReadOnlySpan<double> groupLearningRates)
    {
        var coefficients = Coefficients(groupLearningRates.Length);
        double mu = _momentum;
        for (int g = 0; g < groupLearningRates.Length; g++)
        {
            double lr = groupLearningRates[g];
            if (!HasMomentum)
                coefficients[g] = new(0, 0, 0, (float)-lr, HasMomentum: false);
            else if (Convention == Convention.Keras)
                coefficients[g] = new((float)mu, (float)-lr, _nesterov ? (float)mu : 1f, _nesterov ? (float)-lr : 0f, HasMomentum: true);
            else
            {
                bool first = step == 1; // PyTorch starts the buffer as a copy of the first gradient
                coefficients[g] = new(first ? 0f : (float)mu, first ? 1f : (float)(1 - _dampening),
                    (float)(_nesterov ? -lr * mu : -lr), _nesterov ? (float)-lr : 0f, HasMomentum: true);
            }
        }
    }

    /// <inheritdoc />
    protected override void AddHyperparameters(IDictionary<string, string> settings)
    {
        settings["momentum"] = Format(_momentum);
        settings["nesterov"] = Format(_nesterov);
        if (Convention == Convention.PyTorch) settings["dampening"] = Format(_dampening);
    }

}

/// <summary>SGD's step coefficients in the one form <c>v ← Decay·v + GradientFactor·g;  w ← w + VelocityStep·v + GradientStep·g</c>.</summary>
/// <param name="Decay">μ (0 at PyTorch's first step, where the buffer starts as g).</param>
/// <param name="GradientFactor">−η (Keras), 1 − τ (PyTorch; 1 at its first step).</param>
/// <param name="VelocityStep">1 (Keras), μ (Keras Nesterov), −η (PyTorch), −η·μ (PyTorch Nesterov).</param>
/// <param name="GradientStep">−η without momentum or with Nesterov, 0 otherwise.</param>
/// <param name="HasMomentum">Whether slot 0 holds the velocity.</param>
public readonly record struct SGDCoefficients(float Decay, float GradientFactor, float VelocityStep, float GradientStep, BlittableBool HasMomentum);

/// <summary>SGD's per-element rule. Slot: momentum (the velocity v or PyTorch's buffer b), when μ &gt; 0.</summary>
public readonly struct SGDRule : IUpdateRule<SGDCoefficients>
{
    // Keras:   v ← μ·v − η·g;             w ← w + v          (Nesterov: w ← w + μ·v − η·g, new v)
    // PyTorch: b ← μ·b + (1 − τ)·g;        w ← w − η·b        (Nesterov: w ← w − η·(g + μ·b)); b ← g at t = 1
    // Plain:   w ← w − η·g.
    // One step type per case, so that the CPU loop tests HasMomentum once per chunk, not per vector.
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Apply<T, L>(T w, T g, ref T velocity, ref T unused1, ref T unused2, SGDCoefficients c) where T : struct where L : struct, ILanes<T> =>
        c.HasMomentum
            ? new MomentumStep<T, L>(c).Apply(w, g, ref velocity, ref unused1, ref unused2)
            : new PlainStep<T, L>(c).Apply(w, g, ref velocity, ref unused1, ref unused2);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TResult Prepare<T, L, TVisitor, TResult>(SGDCoefficients c, ref TVisitor visitor)
        where T : struct where L : struct, ILanes<T> where TVisitor : IStepVisitor<T, TResult>, allows ref struct =>
        c.HasMomentum ? visitor.Run(new MomentumStep<T, L>(c)) : visitor.Run(new PlainStep<T, L>(c));

    private readonly struct PlainStep<T, L>(SGDCoefficients c) : IUpdateStep<T> where T : struct where L : struct, ILanes<T>
    {
        private readonly T _gradientStep = L.Splat(c.GradientStep);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Apply(T w, T g, ref T unused0, ref T unused1, ref T unused2) => L.Add(w, L.Multiply(_gradientStep, g));
    }

    private readonly struct MomentumStep<T, L>(SGDCoefficients c) : IUpdateStep<T> where T : struct where L : struct, ILanes<T>
    {
        private readonly T _decay = L.Splat(c.Decay), _gradientFactor = L.Splat(c.GradientFactor),
            _velocityStep = L.Splat(c.VelocityStep), _gradientStep = L.Splat(c.GradientStep);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Apply(T w, T g, ref T velocity, ref T unused1, ref T unused2)
        {
            velocity = L.Flush(L.Add(L.Multiply(_decay, velocity), L.Multiply(_gradientFactor, g)));
            return L.Add(L.Add(w, L.Multiply(_velocityStep, velocity)), L.Multiply(_gradientStep, g));
        }
    }
}
