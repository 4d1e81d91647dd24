using System.Runtime.CompilerServices;
namespace Inertia.Optimizers;

/// <summary>
/// Adamax, Adam with the infinity norm (Keras <c>Adamax</c>: ε added to u in the denominator; under
/// <see cref="Convention.PyTorch"/>, <c>torch.optim.Adamax</c>: ε inside the max, where it decays
/// with β₂). Slots: <c>momentum</c>, <c>norm</c>.
/// </summary>
public sealed class Adamax : Optimizer<AdamaxRule, AdamaxCoefficients>
{
    private readonly double _beta2;
    private readonly double _epsilon;
    private double _beta1;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Default 0.001 (Keras) / 0.002 (PyTorch).</param>
    /// <param name="beta1">β₁ in [0, 1); default 0.9.</param>
    /// <param name="beta2">β₂ in [0, 1); default 0.999.</param>
    /// <param name="epsilon">&gt; 0; default 1e-7 (Keras) / 1e-8 (PyTorch).</param>
    /// <param name="options">Shared settings; null for Keras defaults.</param>
    /// <param name="name">Default "adamax".</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public Adamax(LearningRateValue? learningRate = null, double? beta1 = null, double? beta2 = null, double? epsilon = null,
        OptimizerOptions? options = null, string? name = null)
        : base(name ?? "adamax", DefaultRate(learningRate, options, 0.001, 0.002), options)
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
    protected override string FactoryName => "adamax";

    /// <inheritdoc />
    protected override bool SupportsScheduledMomentum => true;

    /// <inheritdoc />
    protected override void SetScheduledMomentum(double momentum) => _beta1 = momentum;

    /// <inheritdoc />
    protected override SlotDefinition[] DefineSlots() => [new("momentum"), new("norm")];

    /// <inheritdoc />
    protected override void PrepareStep(long step, ReadOnlySpan<double> groupLearningRates)
    {
        var coefficients = Coefficients(groupLearningRates.Length);
        double correction1 = 1 - Math.Pow(_beta1, step);
        bool torch = Convention == Convention.PyTorch;
        for (int g = 0; g < groupLearningRates.Length; g++)
            coefficients[g] = new((float)(1 - _beta1), (float)_beta2, (float)(groupLearningRates[g] / correction1),
                torch ? (float)_epsilon : 0f, torch ? 0f : (float)_epsilon);
    }

    /// <inheritdoc />
    protected override void AddHyperparameters(IDictionary<string, string> settings)
    {
        settings["beta1"] = Format(_beta1);
        settings["beta2"] = Format(_beta2);
        settings["epsilon"] = Format(_epsilon);
    }

}

/// <summary>Adamax's step coefficients.</summary>
/// <param name="OneMinusBeta1">1 − β₁.</param>
/// <param name="Beta2">β₂.</param>
/// <param name="StepSize">a = η/(1 − β₁ᵗ).</param>
/// <param name="EpsilonInside">ε under PyTorch (added to |g|), 0 under Keras.</param>
/// <param name="EpsilonOutside">ε under Keras (added to u), 0 under PyTorch.</param>
public readonly record struct AdamaxCoefficients(float OneMinusBeta1, float Beta2, float StepSize, float EpsilonInside, float EpsilonOutside);

/// <summary>Adamax's per-element rule. Slots: momentum m, norm u.</summary>
public readonly struct AdamaxRule : IUpdateRule<AdamaxCoefficients>
{
    // Both:    m ← m + (g − m)(1 − β₁)
    // Keras:   u ← max(β₂·u, |g|);       w ← w − η·m / ((1 − β₁ᵗ)(u + ε))
    // PyTorch: u ← max(β₂·u, |g| + ε);   w ← w − (η/(1 − β₁ᵗ))·m / u
    // Both:    u ← max(β₂·u, |g| + εin); w ← w − a·m / (u + εout), a = η/(1 − β₁ᵗ).
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Apply<T, L>(T w, T g, ref T m, ref T u, ref T unused, AdamaxCoefficients c) where T : struct where L : struct, ILanes<T> =>
        new Step<T, L>(c).Apply(w, g, ref m, ref u, ref unused);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TResult Prepare<T, L, TVisitor, TResult>(AdamaxCoefficients c, ref TVisitor visitor)
        where T : struct where L : struct, ILanes<T> where TVisitor : IStepVisitor<T, TResult>, allows ref struct =>
        visitor.Run(new Step<T, L>(c));

    private readonly struct Step<T, L>(AdamaxCoefficients c) : IUpdateStep<T> where T : struct where L : struct, ILanes<T>
    {
        private readonly T _oneMinusBeta1 = L.Splat(c.OneMinusBeta1), _beta2 = L.Splat(c.Beta2), _stepSize = L.Splat(c.StepSize),
            _epsilonInside = L.Splat(c.EpsilonInside), _epsilonOutside = L.Splat(c.EpsilonOutside);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Apply(T w, T g, ref T m, ref T u, ref T unused)
        {
            m = L.Flush(L.Add(m, L.Multiply(L.Subtract(g, m), _oneMinusBeta1)));
            u = L.Flush(L.Max(L.Multiply(_beta2, u), L.Add(L.Abs(g), _epsilonInside)));
            return L.Subtract(w, L.Divide(L.Multiply(_stepSize, m), L.Add(u, _epsilonOutside)));
        }
    }
}
