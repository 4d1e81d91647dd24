using System.Numerics;
using System.Runtime.InteropServices;

namespace Inertia.Optimizers;

/// <summary>
/// Adam, optionally AMSGrad (Keras <c>Adam</c>: ε added to the root of the uncorrected v, the bias
/// corrections folded into the step size; under <see cref="Convention.PyTorch"/>,
/// <c>torch.optim.Adam</c>: ε added to the root of the corrected v, L2 weight decay unless
/// decoupled). Slots: <c>momentum</c>, <c>velocity</c>, plus <c>velocity_hat</c> with AMSGrad.
/// </summary>
public class Adam : Optimizer, ISpecializedUpdate
{
    private readonly double _beta2;
    private readonly double _epsilon;
    private readonly bool _amsgrad;
    private double _beta1;
    private Coefficients[] _coefficients = new Coefficients[1];

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Default 0.001.</param>
    /// <param name="beta1">β₁ in [0, 1).</param>
    /// <param name="beta2">β₂ in [0, 1).</param>
    /// <param name="epsilon">&gt; 0; default 1e-7 (Keras) / 1e-8 (PyTorch).</param>
    /// <param name="amsgrad">Use the maximum of past second moments.</param>
    /// <param name="options">Shared settings; null for Keras defaults.</param>
    /// <param name="name">Default "adam".</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public Adam(LearningRateValue? learningRate = null, double beta1 = 0.9, double beta2 = 0.999, double? epsilon = null,
        bool amsgrad = false, OptimizerOptions? options = null, string? name = null)
        : base(name ?? "adam", DefaultRate(learningRate, options, 0.001, 0.001), options)
    {
        _beta1 = Check.UnitOpen(beta1, nameof(beta1));
        _beta2 = Check.UnitOpen(beta2, nameof(beta2));
        _epsilon = Check.Positive(Default(epsilon, options, 1e-7, 1e-8), nameof(epsilon));
        _amsgrad = amsgrad;
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
        if (_coefficients.Length != groupLearningRates.Length) _coefficients = new Coefficients[groupLearningRates.Length];
        double correction1 = 1 - Math.Pow(_beta1, step), correction2 = 1 - Math.Pow(_beta2, step);
        bool torch = Convention == Convention.PyTorch;
        for (int g = 0; g < groupLearningRates.Length; g++)
        {
            double lr = groupLearningRates[g];
            double a = torch ? lr / correction1 : lr * Math.Sqrt(correction2) / correction1;
            double s = torch ? 1 / Math.Sqrt(correction2) : 1;
            _coefficients[g] = new((float)(1 - _beta1), (float)(1 - _beta2), (float)a, (float)s, (float)_epsilon);
        }
    }

    /// <inheritdoc />
    protected override int UpdateRange(int group, in GradientTransform transform, int start, int length) =>
        transform.Specialize(this, group, start, length);

    int ISpecializedUpdate.Update<T>(int group, in T transform, int start, int length) =>
        Kernel(ValueSpan(start, length), GradientSpan(start, length), SlotSpan(0, start, length),
            SlotSpan(1, start, length), _amsgrad ? SlotSpan(2, start, length) : default, transform, _coefficients[group]);

    // Both:    m ← m + (g − m)(1 − β₁);  v ← v + (g² − v)(1 − β₂);  AMSGrad: v̂ ← max(v̂, v), used for v below
    // Keras:   w ← w − α·m / (sqrt(v) + ε),                α = η·sqrt(1 − β₂ᵗ)/(1 − β₁ᵗ)
    // PyTorch: w ← w − (η/(1 − β₁ᵗ))·m / (sqrt(v)/sqrt(1 − β₂ᵗ) + ε)
    // Both:    w ← w − a·m / (sqrt(v)·s + ε), s = 1 (Keras) or 1/sqrt(1 − β₂ᵗ) (PyTorch).
    internal static int Kernel<T>(Span<float> weights, ReadOnlySpan<float> gradients, Span<float> momentum, Span<float> velocity,
        Span<float> velocityHat, in T t, in Coefficients c)
        where T : struct, IGradientTransform
    {
        var w = MemoryMarshal.Cast<float, Vector<float>>(weights);
        var g = MemoryMarshal.Cast<float, Vector<float>>(gradients);
        var m = MemoryMarshal.Cast<float, Vector<float>>(momentum);
        var v = MemoryMarshal.Cast<float, Vector<float>>(velocity);
        var vh = MemoryMarshal.Cast<float, Vector<float>>(velocityHat);
        bool amsgrad = !velocityHat.IsEmpty;
        var b1 = new Vector<float>(c.OneMinusBeta1);
        var b2 = new Vector<float>(c.OneMinusBeta2);
        var a = new Vector<float>(c.StepSize);
        var s = new Vector<float>(c.RootScale);
        var eps = new Vector<float>(c.Epsilon);
        int kept = 0;
        for (int i = 0; i < w.Length; i++)
        {
            var gi = t.Gradient(g[i], w[i]);
            var mi = Subnormals.Flush(m[i] + (gi - m[i]) * b1);
            var vi = Subnormals.Flush(v[i] + (gi * gi - v[i]) * b2);
            var root = amsgrad ? Vector.Max(vh[i], vi) : vi;
            var wi = t.DecayWeight(w[i]) - a * mi / (Vector.SquareRoot(root) * s + eps);
            kept += amsgrad
                ? UpdateGuard.Store(ref w[i], wi, ref m[i], mi, ref v[i], vi, ref vh[i], root)
                : UpdateGuard.Store(ref w[i], wi, ref m[i], mi, ref v[i], vi);
        }
        return kept;
    }

    /// <inheritdoc />
    protected override void AddHyperparameters(IDictionary<string, string> settings)
    {
        settings["beta1"] = Format(_beta1);
        settings["beta2"] = Format(_beta2);
        settings["epsilon"] = Format(_epsilon);
        settings["amsgrad"] = Format(_amsgrad);
    }

    internal readonly record struct Coefficients(float OneMinusBeta1, float OneMinusBeta2, float StepSize, float RootScale, float Epsilon);
}
