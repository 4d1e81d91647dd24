using System.Numerics;
using System.Runtime.InteropServices;

namespace Inertia.Optimizers;

/// <summary>
/// Lion, sign momentum (Keras <c>Lion</c>; every coordinate moves by exactly η plus decay). Weight
/// decay is always decoupled, under both conventions. Slot: <c>momentum</c>.
/// </summary>
public sealed class Lion : Optimizer, ISpecializedUpdate
{
    private readonly double _beta2;
    private double _beta1;
    private Coefficients[] _coefficients = new Coefficients[1];

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Default 0.001.</param>
    /// <param name="beta1">β₁ in (0, 1], interpolation of the update direction.</param>
    /// <param name="beta2">β₂ in [0, 1], decay of the momentum.</param>
    /// <param name="options">Shared settings; null for Keras defaults.</param>
    /// <param name="name">Default "lion".</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public Lion(LearningRateValue? learningRate = null, double beta1 = 0.9, double beta2 = 0.99,
        OptimizerOptions? options = null, string? name = null)
        : base(name ?? "lion", DefaultRate(learningRate, options, 0.001, 0.001), options)
    {
        if (!(beta1 > 0 && beta1 <= 1))
            throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "beta1 must be in (0, 1].");
        _beta1 = beta1;
        _beta2 = Check.UnitClosed(beta2, nameof(beta2));
    }

    /// <summary>β₁.</summary>
    public double Beta1 => _beta1;

    /// <summary>β₂.</summary>
    public double Beta2 => _beta2;

    /// <inheritdoc />
    protected override string FactoryName => "lion";

    /// <inheritdoc />
    protected override bool DecoupledWeightDecay => true;

    /// <inheritdoc />
    protected override bool SupportsScheduledMomentum => true;

    /// <inheritdoc />
    protected override void SetScheduledMomentum(double momentum) => _beta1 = momentum;

    /// <inheritdoc />
    protected override SlotDefinition[] DefineSlots() => [new("momentum")];

    /// <inheritdoc />
    protected override void PrepareStep(long step, ReadOnlySpan<double> groupLearningRates)
    {
        if (_coefficients.Length != groupLearningRates.Length) _coefficients = new Coefficients[groupLearningRates.Length];
        for (int g = 0; g < groupLearningRates.Length; g++)
            _coefficients[g] = new((float)_beta1, (float)(1 - _beta1), (float)_beta2, (float)(1 - _beta2), (float)groupLearningRates[g]);
    }

    /// <inheritdoc />
    protected override int UpdateRange(int group, in GradientTransform transform, int start, int length) =>
        transform.Specialize(this, group, start, length);

    int ISpecializedUpdate.Update<T>(int group, in T transform, int start, int length) =>
        Kernel(ValueSpan(start, length), GradientSpan(start, length), SlotSpan(0, start, length),
            transform, _coefficients[group]);

    // w ← w − η·sign(β₁·m + (1−β₁)·g)   (sign(0) = 0);   m ← β₂·m + (1−β₂)·g
    internal static int Kernel<T>(Span<float> weights, ReadOnlySpan<float> gradients, Span<float> momentum,
        in T t, in Coefficients c)
        where T : struct, IGradientTransform
    {
        var w = MemoryMarshal.Cast<float, Vector<float>>(weights);
        var g = MemoryMarshal.Cast<float, Vector<float>>(gradients);
        var m = MemoryMarshal.Cast<float, Vector<float>>(momentum);
        var beta1 = new Vector<float>(c.Beta1);
        var oneMinusBeta1 = new Vector<float>(c.OneMinusBeta1);
        var beta2 = new Vector<float>(c.Beta2);
        var oneMinusBeta2 = new Vector<float>(c.OneMinusBeta2);
        var lr = new Vector<float>(c.LearningRate);
        var negativeLr = -lr;
        int kept = 0;
        for (int i = 0; i < w.Length; i++)
        {
            var gi = t.Gradient(g[i], w[i]);
            var direction = m[i] * beta1 + gi * oneMinusBeta1;
            var step = Vector.ConditionalSelect(Vector.GreaterThan(direction, Vector<float>.Zero), lr, Vector<float>.Zero)
                + Vector.ConditionalSelect(Vector.LessThan(direction, Vector<float>.Zero), negativeLr, Vector<float>.Zero);
            var wi = t.DecayWeight(w[i]) - step;
            var mi = Subnormals.Flush(m[i] * beta2 + gi * oneMinusBeta2);
            kept += UpdateGuard.Store(ref w[i], wi, ref m[i], mi);
        }
        return kept;
    }

    /// <inheritdoc />
    protected override void AddHyperparameters(IDictionary<string, string> settings)
    {
        settings["beta1"] = Format(_beta1);
        settings["beta2"] = Format(_beta2);
    }

    internal readonly record struct Coefficients(float Beta1, float OneMinusBeta1, float Beta2, float OneMinusBeta2, float LearningRate);
}
