using System.Runtime.CompilerServices;
namespace Inertia.Optimizers;

/// <summary>
/// Nadam, Adam with Nesterov momentum and Dozat's momentum schedule
/// <c>u_t = β₁(1 − ½·0.96^(t·ψ))</c>: Keras <c>Nadam</c> fixes ψ = 1; PyTorch <c>NAdam</c> defaults
/// to ψ = 0.004. The product of the <c>u_t</c> is one scalar for the whole optimizer (saved with
/// the state). Slots: <c>momentum</c>, <c>velocity</c>.
/// </summary>
public sealed class Nadam : Optimizer<NadamRule, NadamCoefficients>
{
    private readonly double _beta2;
    private readonly double _epsilon;
    private readonly double _momentumDecay;
    private double _beta1;
    /// <summary>The state key of the momentum product (Keras <c>u_product</c>).</summary>
    internal const string ProductKey = "u_product";

    private double _momentumProduct = 1.0;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Default 0.001 (Keras) / 0.002 (PyTorch).</param>
    /// <param name="beta1">β₁ in [0, 1); default 0.9.</param>
    /// <param name="beta2">β₂ in [0, 1); default 0.999.</param>
    /// <param name="epsilon">&gt; 0; default 1e-7 (Keras) / 1e-8 (PyTorch).</param>
    /// <param name="momentumDecay">ψ ≥ 0; default 1 (Keras's fixed 0.96ᵗ) / 0.004 (PyTorch).</param>
    /// <param name="options">Shared settings; null for Keras defaults.</param>
    /// <param name="name">Default "nadam".</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public Nadam(LearningRateValue? learningRate = null, double? beta1 = null, double? beta2 = null, double? epsilon = null,
        double? momentumDecay = null, OptimizerOptions? options = null, string? name = null)
        : base(name ?? "nadam", DefaultRate(learningRate, options, 0.001, 0.002), options)
    {
        _beta1 = Check.UnitOpen(beta1 ?? 0.9, nameof(beta1));
        _beta2 = Check.UnitOpen(beta2 ?? 0.999, nameof(beta2));
        _epsilon = Check.Positive(Default(epsilon, options, 1e-7, 1e-8), nameof(epsilon));
        _momentumDecay = Check.NonNegative(Default(momentumDecay, options, 1.0, 0.004), nameof(momentumDecay));
    }

    /// <summary>β₁.</summary>
    public double Beta1 => _beta1;

    /// <summary>β₂.</summary>
    public double Beta2 => _beta2;

    /// <summary>ε.</summary>
    public double Epsilon => _epsilon;

    /// <summary>ψ of the momentum schedule.</summary>
    public double MomentumDecay => _momentumDecay;

    /// <inheritdoc />
    protected override string FactoryName => "nadam";

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
        double u = MomentumAt(step), uNext = MomentumAt(step + 1);
        _momentumProduct *= u;
        double product = _momentumProduct, productNext = product * uNext;
        double correction2 = 1 - Math.Pow(_beta2, step);
        for (int g = 0; g < groupLearningRates.Length; g++)
        {
            double lr = groupLearningRates[g];
            coefficients[g] = new((float)(1 - _beta1), (float)(1 - _beta2),
                (float)(lr * uNext / (1 - productNext)), (float)(lr * (1 - u) / (1 - product)),
                (float)(1 / correction2), (float)_epsilon);
        }
    }

    private double MomentumAt(long step) => _beta1 * (1.0 - 0.5 * Math.Pow(0.96, step * _momentumDecay));

    /// <inheritdoc />
    protected override void AddHyperparameters(IDictionary<string, string> settings)
    {
        settings["beta1"] = Format(_beta1);
        settings["beta2"] = Format(_beta2);
        settings["epsilon"] = Format(_epsilon);
        settings["momentumDecay"] = Format(_momentumDecay);
    }

    /// <inheritdoc />
    protected override void WriteScalars(IDictionary<string, double> scalars) => scalars[ProductKey] = _momentumProduct;

    /// <inheritdoc />
    protected override void ReadScalars(IReadOnlyDictionary<string, double> scalars) =>
        _momentumProduct = scalars.TryGetValue(ProductKey, out double u) ? u
            : throw new InvalidDataException("The saved Nadam state lacks its momentum product 'u_product'.");

}

/// <summary>Nadam's step coefficients: <c>w ← w − (MomentumWeight·m + GradientWeight·g) / (sqrt(v·VelocityCorrection) + ε)</c>.</summary>
/// <param name="OneMinusBeta1">1 − β₁.</param>
/// <param name="OneMinusBeta2">1 − β₂.</param>
/// <param name="MomentumWeight">η·u_{t+1}/(1 − U·u_{t+1}).</param>
/// <param name="GradientWeight">η·(1 − u_t)/(1 − U).</param>
/// <param name="VelocityCorrection">1/(1 − β₂ᵗ).</param>
/// <param name="Epsilon">ε.</param>
public readonly record struct NadamCoefficients(float OneMinusBeta1, float OneMinusBeta2, float MomentumWeight, float GradientWeight,
    float VelocityCorrection, float Epsilon);

/// <summary>Nadam's per-element rule. Slots: momentum m, velocity v.</summary>
public readonly struct NadamRule : IUpdateRule<NadamCoefficients>
{
    // U ← U·u_t once per step (PrepareStep);  m ← m + (g − m)(1 − β₁);  v ← v + (g² − v)(1 − β₂)
    // m̂ = u_{t+1}·m/(1 − U·u_{t+1}) + (1 − u_t)·g/(1 − U);  v̂ = v/(1 − β₂ᵗ);  w ← w − η·m̂/(sqrt(v̂) + ε)
    // Rule: w ← w − (cm·m + cg·g) / (sqrt(v·k) + ε), cm and cg carrying η, k = 1/(1 − β₂ᵗ).
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Apply<T, L>(T w, T g, ref T m, ref T v, ref T unused, NadamCoefficients c) where T : struct where L : struct, ILanes<T> =>
        new Step<T, L>(c).Apply(w, g, ref m, ref v, ref unused);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TResult Prepare<T, L, TVisitor, TResult>(NadamCoefficients c, ref TVisitor visitor)
        where T : struct where L : struct, ILanes<T> where TVisitor : IStepVisitor<T, TResult>, allows ref struct =>
        visitor.Run(new Step<T, L>(c));

    private readonly struct Step<T, L>(NadamCoefficients c) : IUpdateStep<T> where T : struct where L : struct, ILanes<T>
    {
        private readonly T _oneMinusBeta1 = L.Splat(c.OneMinusBeta1), _oneMinusBeta2 = L.Splat(c.OneMinusBeta2),
            _momentumWeight = L.Splat(c.MomentumWeight), _gradientWeight = L.Splat(c.GradientWeight),
            _velocityCorrection = L.Splat(c.VelocityCorrection), _epsilon = L.Splat(c.Epsilon);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Apply(T w, T g, ref T m, ref T v, ref T unused)
        {
            m = L.Flush(L.Add(m, L.Multiply(L.Subtract(g, m), _oneMinusBeta1)));
            v = L.Flush(L.Add(v, L.Multiply(L.Subtract(L.Multiply(g, g), v), _oneMinusBeta2)));
            var numerator = L.Add(L.Multiply(_momentumWeight, m), L.Multiply(_gradientWeight, g));
            return L.Subtract(w, L.Divide(numerator, L.Add(L.Sqrt(L.Multiply(v, _velocityCorrection)), _epsilon)));
        }
    }
}
