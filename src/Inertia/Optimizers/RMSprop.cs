using System.Runtime.CompilerServices;
namespace Inertia.Optimizers;

/// <summary>
/// RMSprop (Keras <c>RMSprop</c>; under <see cref="Convention.PyTorch"/>, <c>torch.optim.RMSprop</c>
/// with ε outside the root and the learning rate outside the momentum buffer). Slots:
/// <c>velocity</c>, plus <c>momentum</c> when μ &gt; 0 and <c>average_gradient</c> when centered.
/// </summary>
public sealed class RMSprop : Optimizer<RMSpropRule, RMSpropCoefficients>
{
    private readonly double _rho;
    private readonly double _epsilon;
    private readonly bool _centered;
    private double _momentum;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Default 0.001 (Keras) / 0.01 (PyTorch).</param>
    /// <param name="rho">Decay ρ (PyTorch <c>alpha</c>) in [0, 1); default 0.9 (Keras) / 0.99 (PyTorch).</param>
    /// <param name="momentum">μ in [0, 1]; default 0.</param>
    /// <param name="epsilon">&gt; 0; default 1e-7 (Keras, inside the root) / 1e-8 (PyTorch, outside).</param>
    /// <param name="centered">Divide by the estimated variance instead of the raw second moment; default false.</param>
    /// <param name="options">Shared settings; null for Keras defaults.</param>
    /// <param name="name">Default "rmsprop".</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public RMSprop(LearningRateValue? learningRate = null, double? rho = null, double? momentum = null, double? epsilon = null,
        bool? centered = null, OptimizerOptions? options = null, string? name = null)
        : base(name ?? "rmsprop", DefaultRate(learningRate, options, 0.001, 0.01), options)
    {
        _rho = Check.UnitOpen(Default(rho, options, 0.9, 0.99), nameof(rho));
        _momentum = Check.UnitClosed(momentum ?? 0.0, nameof(momentum));
        _epsilon = Check.Positive(Default(epsilon, options, 1e-7, 1e-8), nameof(epsilon));
        _centered = centered ?? false;
    }

    /// <summary>Decay ρ of the squared-gradient average.</summary>
    public double Rho => _rho;

    /// <summary>Momentum μ.</summary>
    public double Momentum => _momentum;

    /// <summary>ε.</summary>
    public double Epsilon => _epsilon;

    /// <summary>Whether the variance is centered.</summary>
    public bool Centered => _centered;

    private bool HasMomentum => _momentum > 0 || MomentumIsScheduled;

    /// <inheritdoc />
    protected override string FactoryName => "rmsprop";

    /// <inheritdoc />
    protected override bool SupportsScheduledMomentum => true;

    /// <inheritdoc />
    protected override void SetScheduledMomentum(double momentum) => _momentum = momentum;

    /// <inheritdoc />
    protected override SlotDefinition[] DefineSlots()
    {
        var slots = new List<SlotDefinition> { new("velocity") };
        if (HasMomentum) slots.Add(new("momentum"));
        if (_centered) slots.Add(new("average_gradient"));
        return slots.ToArray();
    }

    /// <inheritdoc />
    protected override void PrepareStep(long step, ReadOnlySpan<double> groupLearningRates)
    {
        var coefficients = Coefficients(groupLearningRates.Length);
        for (int g = 0; g < groupLearningRates.Length; g++)
            coefficients[g] = new((float)_rho, (float)(1 - _rho), (float)groupLearningRates[g], (float)_epsilon, (float)_momentum,
                HasMomentum, _centered, Convention == Convention.PyTorch);
    }

    /// <inheritdoc />
    protected override void AddHyperparameters(IDictionary<string, string> settings)
    {
        settings["rho"] = Format(_rho);
        settings["momentum"] = Format(_momentum);
        settings["epsilon"] = Format(_epsilon);
        settings["centered"] = Format(_centered);
    }

}

/// <summary>RMSprop's step coefficients.</summary>
/// <param name="Rho">ρ.</param>
/// <param name="OneMinusRho">1 − ρ.</param>
/// <param name="LearningRate">η.</param>
/// <param name="Epsilon">ε.</param>
/// <param name="Momentum">μ.</param>
/// <param name="HasMomentum">Whether slot 1 holds the momentum.</param>
/// <param name="Centered">Whether the next slot holds the average gradient.</param>
/// <param name="Torch">PyTorch's forms (see the rule).</param>
public readonly record struct RMSpropCoefficients(float Rho, float OneMinusRho, float LearningRate, float Epsilon, float Momentum,
    BlittableBool HasMomentum, BlittableBool Centered, BlittableBool Torch);

/// <summary>RMSprop's per-element rule. Slots: velocity v, then momentum m (μ &gt; 0), then average_gradient a (centered).</summary>
public readonly struct RMSpropRule : IUpdateRule<RMSpropCoefficients>
{
    // Both:    v ← ρ·v + (1−ρ)·g²;   centered: a ← ρ·a + (1−ρ)·g  (PyTorch: a + (1−ρ)(g − a))
    // Keras:   D = v − a² + ε (or v + ε);   inc = η·g / sqrt(D);   μ > 0: m ← μ·m + inc, w ← w − m;  else w ← w − inc
    // PyTorch: d = sqrt(v − a²) + ε (or sqrt(v) + ε);   μ > 0: b ← μ·b + g/d, w ← w − η·b;  else w ← w − η·g/d
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Apply<T, L>(T w, T g, ref T v, ref T slot1, ref T slot2, RMSpropCoefficients c) where T : struct where L : struct, ILanes<T> =>
        new Step<T, L>(c).Apply(w, g, ref v, ref slot1, ref slot2);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TResult Prepare<T, L, TVisitor, TResult>(RMSpropCoefficients c, ref TVisitor visitor)
        where T : struct where L : struct, ILanes<T> where TVisitor : IStepVisitor<T, TResult>, allows ref struct =>
        visitor.Run(new Step<T, L>(c));

    private readonly struct Step<T, L>(RMSpropCoefficients c) : IUpdateStep<T> where T : struct where L : struct, ILanes<T>
    {
        private readonly T _rho = L.Splat(c.Rho), _oneMinusRho = L.Splat(c.OneMinusRho), _learningRate = L.Splat(c.LearningRate),
            _epsilon = L.Splat(c.Epsilon), _momentum = L.Splat(c.Momentum);
        private readonly bool _hasMomentum = c.HasMomentum, _centered = c.Centered, _torch = c.Torch;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Apply(T w, T g, ref T v, ref T slot1, ref T slot2)
        {
            v = L.Flush(L.Add(L.Multiply(_rho, v), L.Multiply(_oneMinusRho, L.Multiply(g, g))));
            var second = v;
            if (_centered)
            {
                var a = _hasMomentum ? slot2 : slot1;
                a = L.Flush(_torch
                    ? L.Add(a, L.Multiply(_oneMinusRho, L.Subtract(g, a)))
                    : L.Add(L.Multiply(_rho, a), L.Multiply(_oneMinusRho, g)));
                second = L.Subtract(v, L.Multiply(a, a));
                if (_hasMomentum) slot2 = a;
                else slot1 = a;
            }
            // PyTorch: the step is g/d, scaled by η after the momentum; Keras: η·g/sqrt(D) before it.
            var step = _torch
                ? L.Divide(g, L.Add(L.Sqrt(second), _epsilon))
                : L.Divide(L.Multiply(_learningRate, g), L.Sqrt(L.Add(second, _epsilon)));
            if (_hasMomentum)
            {
                step = L.Flush(L.Add(L.Multiply(_momentum, slot1), step));
                slot1 = step;
            }
            return L.Subtract(w, _torch ? L.Multiply(_learningRate, step) : step);
        }
    }
}
