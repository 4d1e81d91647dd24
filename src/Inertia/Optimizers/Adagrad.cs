using System.Runtime.CompilerServices;
namespace Inertia.Optimizers;

/// <summary>
/// Adagrad (Keras <c>Adagrad</c>: accumulator starts at 0.1, ε inside the root; under
/// <see cref="Convention.PyTorch"/>, <c>torch.optim.Adagrad</c>: starts at 0, ε outside, optional
/// <c>lr_decay</c>). Slot: <c>accumulator</c>.
/// </summary>
public sealed class Adagrad : Optimizer<AdagradRule, AdagradCoefficients>
{
    private readonly double _initialAccumulatorValue;
    private readonly double _epsilon;
    private readonly double _lrDecay;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Default 0.001 (Keras) / 0.01 (PyTorch).</param>
    /// <param name="initialAccumulatorValue">≥ 0; default 0.1 (Keras) / 0 (PyTorch).</param>
    /// <param name="epsilon">&gt; 0; default 1e-7 (Keras) / 1e-10 (PyTorch).</param>
    /// <param name="lrDecay">PyTorch <c>lr_decay</c> ≥ 0: η/(1 + (t−1)·lrDecay). Under Keras use <c>InverseTimeDecay</c>; default 0.</param>
    /// <param name="options">Shared settings; null for Keras defaults.</param>
    /// <param name="name">Default "adagrad".</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    /// <exception cref="ArgumentException"><paramref name="lrDecay"/> is set under Keras.</exception>
    public Adagrad(LearningRateValue? learningRate = null, double? initialAccumulatorValue = null, double? epsilon = null,
        double? lrDecay = null, OptimizerOptions? options = null, string? name = null)
        : base(name ?? "adagrad", DefaultRate(learningRate, options, 0.001, 0.01), options)
    {
        _initialAccumulatorValue = Check.NonNegative(Default(initialAccumulatorValue, options, 0.1, 0.0), nameof(initialAccumulatorValue));
        _epsilon = Check.Positive(Default(epsilon, options, 1e-7, 1e-10), nameof(epsilon));
        _lrDecay = Check.NonNegative(lrDecay ?? 0.0, nameof(lrDecay));
        if (_lrDecay != 0 && Convention == Convention.Keras)
            throw new ArgumentException($"lrDecay ({_lrDecay}) exists only under Convention.PyTorch; Keras uses InverseTimeDecay(lr, 1, lrDecay).", nameof(lrDecay));
    }

    /// <summary>Initial value of the accumulator.</summary>
    public double InitialAccumulatorValue => _initialAccumulatorValue;

    /// <summary>ε.</summary>
    public double Epsilon => _epsilon;

    /// <summary>PyTorch <c>lr_decay</c>.</summary>
    public double LrDecay => _lrDecay;

    /// <inheritdoc />
    protected override string FactoryName => "adagrad";

    /// <inheritdoc />
    protected override SlotDefinition[] DefineSlots() => [new("accumulator", (float)_initialAccumulatorValue)];

    /// <inheritdoc />
    protected override void PrepareStep(long step, ReadOnlySpan<double> groupLearningRates)
    {
        var coefficients = Coefficients(groupLearningRates.Length);
        bool torch = Convention == Convention.PyTorch;
        for (int g = 0; g < groupLearningRates.Length; g++)
        {
            double lr = torch ? groupLearningRates[g] / (1 + (step - 1) * _lrDecay) : groupLearningRates[g];
            coefficients[g] = new((float)lr, torch ? 0f : (float)_epsilon, torch ? (float)_epsilon : 0f);
        }
    }

    /// <inheritdoc />
    protected override void AddHyperparameters(IDictionary<string, string> settings)
    {
        settings["initialAccumulatorValue"] = Format(_initialAccumulatorValue);
        settings["epsilon"] = Format(_epsilon);
        if (Convention == Convention.PyTorch) settings["lrDecay"] = Format(_lrDecay);
    }

}

/// <summary>Adagrad's step coefficients: <c>w ← w − η·g / (sqrt(acc + EpsilonInside) + EpsilonOutside)</c>.</summary>
/// <param name="LearningRate">η (PyTorch: η / (1 + (t−1)·lr_decay)).</param>
/// <param name="EpsilonInside">ε under Keras, 0 under PyTorch.</param>
/// <param name="EpsilonOutside">ε under PyTorch, 0 under Keras.</param>
public readonly record struct AdagradCoefficients(float LearningRate, float EpsilonInside, float EpsilonOutside);

/// <summary>Adagrad's per-element rule. Slot: accumulator.</summary>
public readonly struct AdagradRule : IUpdateRule<AdagradCoefficients>
{
    // Keras:   acc ← acc + g²;  w ← w − η·g / sqrt(acc + ε)
    // PyTorch: acc ← acc + g²;  w ← w − η̃·g / (sqrt(acc) + ε),  η̃ = η / (1 + (t−1)·lr_decay)
    // Both:    w ← w − η·g / (sqrt(acc + εin) + εout).
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Apply<T, L>(T w, T g, ref T accumulator, ref T unused1, ref T unused2, AdagradCoefficients c) where T : struct where L : struct, ILanes<T> =>
        new Step<T, L>(c).Apply(w, g, ref accumulator, ref unused1, ref unused2);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TResult Prepare<T, L, TVisitor, TResult>(AdagradCoefficients c, ref TVisitor visitor)
        where T : struct where L : struct, ILanes<T> where TVisitor : IStepVisitor<T, TResult>, allows ref struct =>
        visitor.Run(new Step<T, L>(c));

    private readonly struct Step<T, L>(AdagradCoefficients c) : IUpdateStep<T> where T : struct where L : struct, ILanes<T>
    {
        private readonly T _learningRate = L.Splat(c.LearningRate), _epsilonInside = L.Splat(c.EpsilonInside),
            _epsilonOutside = L.Splat(c.EpsilonOutside);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Apply(T w, T g, ref T accumulator, ref T unused1, ref T unused2)
        {
            // The accumulator only grows, so it never decays into the subnormal range: no flush.
            accumulator = L.Add(accumulator, L.Multiply(g, g));
            return L.Subtract(w, L.Divide(L.Multiply(_learningRate, g), L.Add(L.Sqrt(L.Add(accumulator, _epsilonInside)), _epsilonOutside)));
        }
    }
}
