using System.Numerics;
using System.Runtime.InteropServices;

namespace Inertia.Optimizers;

/// <summary>
/// Adamax, Adam with the infinity norm (Keras <c>Adamax</c>: ε added to u in the denominator; under
/// <see cref="Convention.PyTorch"/>, <c>torch.optim.Adamax</c>: ε inside the max, where it decays
/// with β₂). Slots: <c>momentum</c>, <c>norm</c>.
/// </summary>
public sealed class Adamax : Optimizer, ISpecializedUpdate
{
    private readonly double _beta2;
    private readonly double _epsilon;
    private double _beta1;
    private Coefficients[] _coefficients = new Coefficients[1];

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Default 0.001 (Keras) / 0.002 (PyTorch).</param>
    /// <param name="beta1">β₁ in [0, 1).</param>
    /// <param name="beta2">β₂ in [0, 1).</param>
    /// <param name="epsilon">&gt; 0; default 1e-7 (Keras) / 1e-8 (PyTorch).</param>
    /// <param name="options">Shared settings; null for Keras defaults.</param>
    /// <param name="name">Default "adamax".</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public Adamax(LearningRateValue? learningRate = null, double beta1 = 0.9, double beta2 = 0.999, double? epsilon = null,
        OptimizerOptions? options = null, string? name = null)
        : base(name ?? "adamax", DefaultRate(learningRate, options, 0.001, 0.002), options)
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
        if (_coefficients.Length != groupLearningRates.Length) _coefficients = new Coefficients[groupLearningRates.Length];
        double correction1 = 1 - Math.Pow(_beta1, step);
        bool torch = Convention == Convention.PyTorch;
        for (int g = 0; g < groupLearningRates.Length; g++)
            _coefficients[g] = new((float)(1 - _beta1), (float)_beta2, (float)(groupLearningRates[g] / correction1),
                torch ? (float)_epsilon : 0f, torch ? 0f : (float)_epsilon);
    }

    /// <inheritdoc />
    protected override int UpdateRange(int group, in GradientTransform transform, int start, int length) =>
        transform.Specialize(this, group, start, length);

    int ISpecializedUpdate.Update<T>(int group, in T transform, int start, int length) =>
        Kernel(ValueSpan(start, length), GradientSpan(start, length), SlotSpan(0, start, length),
            SlotSpan(1, start, length), transform, _coefficients[group]);

    // Both:    m ← m + (g − m)(1 − β₁)
    // Keras:   u ← max(β₂·u, |g|);       w ← w − η·m / ((1 − β₁ᵗ)(u + ε))
    // PyTorch: u ← max(β₂·u, |g| + ε);   w ← w − (η/(1 − β₁ᵗ))·m / u
    // Both:    u ← max(β₂·u, |g| + εin); w ← w − a·m / (u + εout), a = η/(1 − β₁ᵗ).
    internal static int Kernel<T>(Span<float> weights, ReadOnlySpan<float> gradients, Span<float> momentum, Span<float> norm,
        in T t, in Coefficients c)
        where T : struct, IGradientTransform
    {
        var w = MemoryMarshal.Cast<float, Vector<float>>(weights);
        var g = MemoryMarshal.Cast<float, Vector<float>>(gradients);
        var m = MemoryMarshal.Cast<float, Vector<float>>(momentum);
        var u = MemoryMarshal.Cast<float, Vector<float>>(norm);
        var b1 = new Vector<float>(c.OneMinusBeta1);
        var beta2 = new Vector<float>(c.Beta2);
        var a = new Vector<float>(c.StepSize);
        var inside = new Vector<float>(c.EpsilonInside);
        var outside = new Vector<float>(c.EpsilonOutside);
        int kept = 0;
        for (int i = 0; i < w.Length; i++)
        {
            var gi = t.Gradient(g[i], w[i]);
            var mi = Subnormals.Flush(m[i] + (gi - m[i]) * b1);
            var ui = Subnormals.Flush(Vector.Max(beta2 * u[i], Vector.Abs(gi) + inside));
            var wi = t.DecayWeight(w[i]) - a * mi / (ui + outside);
            kept += UpdateGuard.Store(ref w[i], wi, ref m[i], mi, ref u[i], ui);
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

    internal readonly record struct Coefficients(float OneMinusBeta1, float Beta2, float StepSize, float EpsilonInside, float EpsilonOutside);
}
