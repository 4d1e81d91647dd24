using System.Runtime.CompilerServices;
namespace Inertia.Optimizers;

/// <summary>
/// Adam, optionally AMSGrad (Keras <c>Adam</c>: ε added to the root of the uncorrected v, the bias
/// corrections folded into the step size; under <see cref="Convention.PyTorch"/>,
/// <c>torch.optim.Adam</c>: ε added to the root of the corrected v, L2 weight decay unless
/// decoupled). Slots: <c>momentum</c>, <c>velocity</c>, plus <c>velocity_hat</c> with AMSGrad.
/// </summary>
public class Adam : Optimizer<AdamRule, AdamCoefficients>
{
    private readonly double _beta2;
    private readonly double _epsilon;
    private readonly bool _amsgrad;
    private double _beta1;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Default 0.001.</param>
    /// <param name="beta1">β₁ in [0, 1); default 0.9.</param>
    /// <param name="beta2">β₂ in [0, 1); default 0.999.</param>
    /// <param name="epsilon">&gt; 0; default 1e-7 (Keras) / 1e-8 (PyTorch).</param>
    /// <param name="amsgrad">Use the maximum of past second moments; default false.</param>
    /// <param name="options">Shared settings; null for Keras defaults.</param>
    /// <param name="name">Default "adam".</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public Adam(LearningRateValue? learningRate = null, double? beta1 = null, double? beta2 = null, double? epsilon = null,
        bool? amsgrad = null, OptimizerOptions? options = null, string? name = null)
        : base(name ?? "adam", DefaultRate(learningRate, options, 0.001, 0.001), options)
    {
        _beta1 = Check.UnitOpen(beta1 ?? 0.9, nameof(beta1));
        _beta2 = Check.UnitOpen(beta2 ?? 0.999, nameof(beta2));
        _epsilon = Check.Positive(Default(epsilon, options, 1e-7, 1e-8), nameof(epsilon));
        _amsgrad = amsgrad ?? false;
    }

    /// <summary>β₁ (the value a schedule set most recently, if it cycles momentum).</summary>
    public double Beta1 => _beta1;

    /// <summary>β₂.</summary>
    public double Beta2 => _beta2;

    /// <summary>ε.</summary>
    public double Epsilon => _epsilon;

    /// <summary>Whether AMSGrad is used.</summary>
    public bool Amsgrad => _amsgrad;

    /// <inheritdoc />
    protected override string FactoryName => "adam";

    /// <inheritdoc />
    protected override bool SupportsScheduledMomentum => true;

    /// <inheritdoc />
    protected override void SetScheduledMomentum(double momentum) => _beta1 = momentum;

    /// <inheritdoc />
    protected override SlotDefinition[] DefineSlots() =>
        _amsgrad ? [new("momentum"), new("velocity"), new("velocity_hat")] : [new("momentum"), new("velocity")];

    /// <inheritdoc />
    protected override void PrepareStep(long step, ReadOnlySpan<double> groupLearningRates)
    {
        var coefficients = Coefficients(groupLearningRates.Length);
        double correction1 = 1 - Math.Pow(_beta1, step), correction2 = 1 - Math.Pow(_beta2, step);
        bool torch = Convention == Convention.PyTorch;
        for (int g = 0; g < groupLearningRates.Length; g++)
        {
            double lr = groupLearningRates[g];
            double a = torch ? lr / correction1 : lr * Math.Sqrt(correction2) / correction1;
            double s = torch ? 1 / Math.Sqrt(correction2) : 1;
            coefficients[g] = new((float)(1 - _beta1), (float)(1 - _beta2), (float)a, (float)s, (float)_epsilon, _amsgrad);
        }
    }

    /// <inheritdoc />
    protected override void AddHyperparameters(IDictionary<string, string> settings)
    {
        settings["beta1"] = Format(_beta1);
        settings["beta2"] = Format(_beta2);
        settings["epsilon"] = Format(_epsilon);
        settings["amsgrad"] = Format(_amsgrad);
    }

}

/// <summary>Adam's step coefficients (per group, computed in double by <see cref="Adam"/>).</summary>
/// <param name="OneMinusBeta1">1 − β₁.</param>
/// <param name="OneMinusBeta2">1 − β₂.</param>
/// <param name="StepSize">a: η·sqrt(1 − β₂ᵗ)/(1 − β₁ᵗ) (Keras) or η/(1 − β₁ᵗ) (PyTorch).</param>
/// <param name="RootScale">s: 1 (Keras) or 1/sqrt(1 − β₂ᵗ) (PyTorch).</param>
/// <param name="Epsilon">ε.</param>
/// <param name="Amsgrad">Whether slot 2 holds v̂, the maximum of past v.</param>
public readonly record struct AdamCoefficients(float OneMinusBeta1, float OneMinusBeta2, float StepSize, float RootScale, float Epsilon, BlittableBool Amsgrad);

/// <summary>Adam's per-element rule. Slots: momentum m, velocity v, velocity_hat v̂ (AMSGrad).</summary>
public readonly struct AdamRule : IUpdateRule<AdamCoefficients>
{
    // Both:    m ← m + (g − m)(1 − β₁);  v ← v + (g² − v)(1 − β₂);  AMSGrad: v̂ ← max(v̂, v), used for v below
    // Keras:   w ← w − α·m / (sqrt(v) + ε),                α = η·sqrt(1 − β₂ᵗ)/(1 − β₁ᵗ)
    // PyTorch: w ← w − (η/(1 − β₁ᵗ))·m / (sqrt(v)/sqrt(1 − β₂ᵗ) + ε)
    // Both:    w ← w − a·m / (sqrt(v)·s + ε), s = 1 (Keras) or 1/sqrt(1 − β₂ᵗ) (PyTorch).
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Apply<T, L>(T w, T g, ref T m, ref T v, ref T vHat, AdamCoefficients c) where T : struct where L : struct, ILanes<T> =>
        new Step<T, L>(c).Apply(w, g, ref m, ref v, ref vHat);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TResult Prepare<T, L, TVisitor, TResult>(AdamCoefficients c, ref TVisitor visitor)
        where T : struct where L : struct, ILanes<T> where TVisitor : IStepVisitor<T, TResult>, allows ref struct =>
        visitor.Run(new Step<T, L>(c));

    private readonly struct Step<T, L>(AdamCoefficients c) : IUpdateStep<T> where T : struct where L : struct, ILanes<T>
    {
        private readonly T _oneMinusBeta1 = L.Splat(c.OneMinusBeta1), _oneMinusBeta2 = L.Splat(c.OneMinusBeta2),
            _stepSize = L.Splat(c.StepSize), _rootScale = L.Splat(c.RootScale), _epsilon = L.Splat(c.Epsilon);
        private readonly bool _amsgrad = c.Amsgrad;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Apply(T w, T g, ref T m, ref T v, ref T vHat)
        {
            m = L.Flush(L.Add(m, L.Multiply(L.Subtract(g, m), _oneMinusBeta1)));
            v = L.Flush(L.Add(v, L.Multiply(L.Subtract(L.Multiply(g, g), v), _oneMinusBeta2)));
            var root = v;
            if (_amsgrad)
            {
                root = L.Max(vHat, v);
                vHat = root;
            }
            return L.Subtract(w, L.Divide(L.Multiply(_stepSize, m), L.Add(L.Multiply(L.Sqrt(root), _rootScale), _epsilon)));
        }
    }
}
