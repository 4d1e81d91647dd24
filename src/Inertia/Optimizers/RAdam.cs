using System.Numerics;
using System.Runtime.InteropServices;

namespace Inertia.Optimizers;

/// <summary>
/// Rectified Adam (<c>torch.optim.RAdam</c>'s equations under both conventions; Keras has none, so the
/// Keras convention only changes the ε default and decouples weight decay). Plain momentum steps
/// until the variance estimate is tractable (ρ_t &gt; 5). Slots: <c>momentum</c>, <c>velocity</c>.
/// </summary>
public sealed class RAdam : Optimizer, ISpecializedUpdate
{
    private readonly double _beta2;
    private readonly double _epsilon;
    private double _beta1;
    private Coefficients[] _coefficients = new Coefficients[1];

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Default 0.001.</param>
    /// <param name="beta1">β₁ in [0, 1).</param>
    /// <param name="beta2">β₂ in [0, 1).</param>
    /// <param name="epsilon">&gt; 0; default 1e-7 (Keras) / 1e-8 (PyTorch).</param>
    /// <param name="options">Shared settings; null for Keras defaults.</param>
    /// <param name="name">Default "radam".</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public RAdam(LearningRateValue? learningRate = null, double beta1 = 0.9, double beta2 = 0.999, double? epsilon = null,
        OptimizerOptions? options = null, string? name = null)
        : base(name ?? "radam", DefaultRate(learningRate, options, 0.001, 0.001), options)
    {
        _beta1 = Check.UnitOpen(beta1, nameof(beta1));
        _beta2 = Check.UnitOpen(beta2, nameof(beta2));
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
        if (_coefficients.Length != groupLearningRates.Length) _coefficients = new Coefficients[groupLearningRates.Length];
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
            _coefficients[g] = new((float)(1 - _beta1), (float)(1 - _beta2), (float)a, (float)_epsilon, rectified);
        }
    }

    /// <inheritdoc />
    protected override int UpdateRange(int group, in GradientTransform transform, int start, int length) =>
        transform.Specialize(this, group, start, length);

    int ISpecializedUpdate.Update<T>(int group, in T transform, int start, int length) =>
        Kernel(ValueSpan(start, length), GradientSpan(start, length), SlotSpan(0, start, length),
            SlotSpan(1, start, length), transform, _coefficients[group]);

    // m ← m + (g − m)(1 − β₁);  v ← v + (g² − v)(1 − β₂);  ρ∞ = 2/(1−β₂) − 1;  ρ_t = ρ∞ − 2t·β₂ᵗ/(1 − β₂ᵗ)
    // ρ_t > 5: w ← w − η·r·sqrt(1 − β₂ᵗ)/(1 − β₁ᵗ) · m/(sqrt(v) + ε),  r = sqrt((ρ_t−4)(ρ_t−2)ρ∞ / ((ρ∞−4)(ρ∞−2)ρ_t))
    // else:    w ← w − η/(1 − β₁ᵗ) · m
    internal static int Kernel<T>(Span<float> weights, ReadOnlySpan<float> gradients, Span<float> momentum, Span<float> velocity,
        in T t, in Coefficients c)
        where T : struct, IGradientTransform
    {
        var w = MemoryMarshal.Cast<float, Vector<float>>(weights);
        var g = MemoryMarshal.Cast<float, Vector<float>>(gradients);
        var m = MemoryMarshal.Cast<float, Vector<float>>(momentum);
        var v = MemoryMarshal.Cast<float, Vector<float>>(velocity);
        var b1 = new Vector<float>(c.OneMinusBeta1);
        var b2 = new Vector<float>(c.OneMinusBeta2);
        var a = new Vector<float>(c.StepSize);
        var eps = new Vector<float>(c.Epsilon);
        bool rectified = c.Rectified;
        int kept = 0;
        for (int i = 0; i < w.Length; i++)
        {
            var gi = t.Gradient(g[i], w[i]);
            var mi = Subnormals.Flush(m[i] + (gi - m[i]) * b1);
            var vi = Subnormals.Flush(v[i] + (gi * gi - v[i]) * b2);
            var step = rectified ? a * mi / (Vector.SquareRoot(vi) + eps) : a * mi;
            var wi = t.DecayWeight(w[i]) - step;
            kept += UpdateGuard.Store(ref w[i], wi, ref m[i], mi, ref v[i], vi);
        }
        return kept;
    }

    /// <inheritdoc />
    protected override void AddHyperparameters(IDictionary<string, string> settings)
    {
        settings["beta1"] = Format(_beta1);
        settings["beta2"] = Format(_beta2);
        settings["epsilon"] = Format(_epsilon);
    }

    internal readonly record struct Coefficients(float OneMinusBeta1, float OneMinusBeta2, float StepSize, float Epsilon, bool Rectified);
}
