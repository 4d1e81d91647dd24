using System.Runtime.CompilerServices;
namespace Inertia.Optimizers;

/// <summary>
/// Lion, sign momentum (Keras <c>Lion</c>; every coordinate moves by exactly η plus decay). Weight
/// decay is always decoupled, under both conventions. Slot: <c>momentum</c>.
/// </summary>
public sealed class Lion : Optimizer<LionRule, LionCoefficients>
{
    private readonly double _beta2;
    private double _beta1;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Default 0.001.</param>
    /// <param name="beta1">β₁ in (0, 1], interpolation of the update direction; default 0.9.</param>
    /// <param name="beta2">β₂ in [0, 1], decay of the momentum; default 0.99.</param>
    /// <param name="options">Shared settings; null for Keras defaults.</param>
    /// <param name="name">Default "lion".</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public Lion(LearningRateValue? learningRate = null, double? beta1 = null, double? beta2 = null,
        OptimizerOptions? options = null, string? name = null)
        : base(name ?? "lion", DefaultRate(learningRate, options, 0.001, 0.001), options)
    {
        double b1 = beta1 ?? 0.9;
        if (!(b1 > 0 && b1 <= 1))
            throw new ArgumentOutOfRangeException(nameof(beta1), b1, "beta1 must be in (0, 1].");
        _beta1 = b1;
        _beta2 = Check.UnitClosed(beta2 ?? 0.99, nameof(beta2));
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
        var coefficients = Coefficients(groupLearningRates.Length);
        for (int g = 0; g < groupLearningRates.Length; g++)
            coefficients[g] = new((float)_beta1, (float)(1 - _beta1), (float)_beta2, (float)(1 - _beta2), (float)groupLearningRates[g]);
    }

    /// <inheritdoc />
    protected override void AddHyperparameters(IDictionary<string, string> settings)
    {
        settings["beta1"] = Format(_beta1);
        settings["beta2"] = Format(_beta2);
    }

}

/// <summary>Lion's step coefficients.</summary>
/// <param name="Beta1">β₁.</param>
/// <param name="OneMinusBeta1">1 − β₁.</param>
/// <param name="Beta2">β₂.</param>
/// <param name="OneMinusBeta2">1 − β₂.</param>
/// <param name="LearningRate">η.</param>
public readonly record struct LionCoefficients(float Beta1, float OneMinusBeta1, float Beta2, float OneMinusBeta2, float LearningRate);

/// <summary>Lion's per-element rule. Slot: momentum m.</summary>
public readonly struct LionRule : IUpdateRule<LionCoefficients>
{
    // w ← w − η·sign(β₁·m + (1−β₁)·g)   (sign(0) = 0);   m ← β₂·m + (1−β₂)·g
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Apply<T, L>(T w, T g, ref T m, ref T unused1, ref T unused2, LionCoefficients c) where T : struct where L : struct, ILanes<T> =>
        new Step<T, L>(c).Apply(w, g, ref m, ref unused1, ref unused2);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TResult Prepare<T, L, TVisitor, TResult>(LionCoefficients c, ref TVisitor visitor)
        where T : struct where L : struct, ILanes<T> where TVisitor : IStepVisitor<T, TResult>, allows ref struct =>
        visitor.Run(new Step<T, L>(c));

    private readonly struct Step<T, L>(LionCoefficients c) : IUpdateStep<T> where T : struct where L : struct, ILanes<T>
    {
        private readonly T _beta1 = L.Splat(c.Beta1), _oneMinusBeta1 = L.Splat(c.OneMinusBeta1), _beta2 = L.Splat(c.Beta2),
            _oneMinusBeta2 = L.Splat(c.OneMinusBeta2), _learningRate = L.Splat(c.LearningRate);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Apply(T w, T g, ref T m, ref T unused1, ref T unused2)
        {
            var direction = L.Add(L.Multiply(m, _beta1), L.Multiply(g, _oneMinusBeta1));
            var updated = L.Subtract(w, L.Signed(direction, _learningRate));
            m = L.Flush(L.Add(L.Multiply(m, _beta2), L.Multiply(g, _oneMinusBeta2)));
            return updated;
        }
    }
}
