using System.Runtime.CompilerServices;
namespace Inertia.Optimizers;

/// <summary>
/// Rectified Adam (<c>torch.optim.RAdam</c>'s equations under both conventions; Keras has none, so the
/// Keras convention only changes the ε default and decouples weight decay). Plain momentum steps
/// until the variance estimate is tractable (ρ_t &gt; 5). Slots: <c>momentum</c>, <c>velocity</c>.
/// </summary>
public sealed class RAdam : Optimizer<RAdamRule, RAdamCoefficients>
{
    private readonly double _beta2;
    private readonly double _epsilon;
    private double _beta1;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Default 0.001.</param>
    /// <param name="beta1">β₁ in [0, 1); default 0.9.</param>
    /// <param name="beta2">β₂ in [0, 1); default 0.999.</param>
    /// <param name="epsilon">&gt; 0; default 1e-7 (Keras) / 1e-8 (PyTorch).</param>
    /// <param name="options">Shared settings; null for Keras defaults.</param>
    /// <param name="name">Default "radam".</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public RAdam(LearningRateValue? learningRate = null, double? beta1 = null, double? beta2 = null, double? epsilon = null,
        OptimizerOptions? options = null, string? name = null)
        : base(name ?? "radam", DefaultRate(learningRate, options, 0.001, 0.001), options)
    {
        _beta1 = Check.UnitOpen(beta1 ?? 0.9, nameof(beta1));
        _beta2 = Check.UnitOpen(beta2 ?? 0.999, nameof(beta2));
        _epsilon = Check.Positive(Default(epsilon, options, 1e-7, 1e-8), nameof(epsilon));
    }

    /// <summary>β₁.</summary>
    public double Beta1 => _beta1;

    /// <summary>β₂.</summary>
    public double Beta2 => _beta2;

    /// <summary>ε.</summary>
    public double Epsilon => _epsilon;

    /// <inheritdoc />
    protected override string FactoryName => "radam";

    /// <inheritdoc />
    protected override bool SupportsScheduledMomentum => true;

    /// <inheritdoc />
    protected override void SetScheduledMomentum(double momentum) => _beta1 = momentum;

    /// <inheritdoc />
    protected override SlotDefinition[] DefineSlots() => [new("momentum"), new("velocity")];

    /// <inheritdoc />
    protected override void PrepareStep(long step, ReadOnlySpan<double> groupLearningRates)
    {
        var coefficients = Coefficients(groupLearningRates.Length);
        double correction1 = 1 - Math.Pow(_beta1, step);
        double beta2Power = Math.Pow(_beta2, step), correction2 = 1 - beta2Power;
        double rhoInf = 2 / (1 - _beta2) - 1;
        double rho = rhoInf - 2 * step * beta2Power / correction2;
        bool rectified = rho > 5;
        double r = rectified ? Math.Sqrt((rho - 4) * (rho - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rho)) : 0;
        for (int g = 0; g < groupLearningRates.Length; g++)
        {
            double lr = groupLearningRates[g];
            double a = rectified ? lr * r * Math.Sqrt(correction2) / correction1 : lr / correction1;
            coefficients[g] = new((float)(1 - _beta1), (float)(1 - _beta2), (float)a, (float)_epsilon, rectified);
        }
    }

    /// <inheritdoc />
    protected override void AddHyperparameters(IDictionary<string, string> settings)
    {
        settings["beta1"] = Format(_beta1);
        settings["beta2"] = Format(_beta2);
        settings["epsilon"] = Format(_epsilon);
    }

}

/// <summary>RAdam's step coefficients.</summary>
/// <param name="OneMinusBeta1">1 − β₁.</param>
/// <param name="OneMinusBeta2">1 − β₂.</param>
/// <param name="StepSize">η·r·sqrt(1 − β₂ᵗ)/(1 − β₁ᵗ) when rectified, η/(1 − β₁ᵗ) otherwise.</param>
/// <param name="Epsilon">ε.</param>
/// <param name="Rectified">Whether ρ_t &gt; 5 (the adaptive step applies).</param>
public readonly record struct RAdamCoefficients(float OneMinusBeta1, float OneMinusBeta2, float StepSize, float Epsilon, BlittableBool Rectified);

/// <summary>RAdam's per-element rule. Slots: momentum m, velocity v.</summary>
public readonly struct RAdamRule : IUpdateRule<RAdamCoefficients>
{
    // m ← m + (g − m)(1 − β₁);  v ← v + (g² − v)(1 − β₂);  ρ∞ = 2/(1−β₂) − 1;  ρ_t = ρ∞ − 2t·β₂ᵗ/(1 − β₂ᵗ)
    // ρ_t > 5: w ← w − η·r·sqrt(1 − β₂ᵗ)/(1 − β₁ᵗ) · m/(sqrt(v) + ε),  r = sqrt((ρ_t−4)(ρ_t−2)ρ∞ / ((ρ∞−4)(ρ∞−2)ρ_t))
    // else:    w ← w − η/(1 − β₁ᵗ) · m
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Apply<T, L>(T w, T g, ref T m, ref T v, ref T unused, RAdamCoefficients c) where T : struct where L : struct, ILanes<T> =>
        new Step<T, L>(c).Apply(w, g, ref m, ref v, ref unused);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TResult Prepare<T, L, TVisitor, TResult>(RAdamCoefficients c, ref TVisitor visitor)
        where T : struct where L : struct, ILanes<T> where TVisitor : IStepVisitor<T, TResult>, allows ref struct =>
        visitor.Run(new Step<T, L>(c));

    private readonly struct Step<T, L>(RAdamCoefficients c) : IUpdateStep<T> where T : struct where L : struct, ILanes<T>
    {
        private readonly T _oneMinusBeta1 = L.Splat(c.OneMinusBeta1), _oneMinusBeta2 = L.Splat(c.OneMinusBeta2),
            _stepSize = L.Splat(c.StepSize), _epsilon = L.Splat(c.Epsilon);
        private readonly bool _rectified = c.Rectified;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Apply(T w, T g, ref T m, ref T v, ref T unused)
        {
            m = L.Flush(L.Add(m, L.Multiply(L.Subtract(g, m), _oneMinusBeta1)));
            v = L.Flush(L.Add(v, L.Multiply(L.Subtract(L.Multiply(g, g), v), _oneMinusBeta2)));
            var step = L.Multiply(_stepSize, m);
            if (_rectified) step = L.Divide(step, L.Add(L.Sqrt(v), _epsilon));
            return L.Subtract(w, step);
        }
    }
}
