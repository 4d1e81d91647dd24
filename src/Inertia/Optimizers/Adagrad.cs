using System.Numerics;
using System.Runtime.InteropServices;

namespace Inertia.Optimizers;

/// <summary>
/// Adagrad (Keras <c>Adagrad</c>: accumulator starts at 0.1, ε inside the root; under
/// <see cref="Convention.PyTorch"/>, <c>torch.optim.Adagrad</c>: starts at 0, ε outside, optional
/// <c>lr_decay</c>). Slot: <c>accumulator</c>.
/// </summary>
public sealed class Adagrad : Optimizer, ISpecializedUpdate
{
    private readonly double _initialAccumulatorValue;
    private readonly double _epsilon;
    private readonly double _lrDecay;
    private Coefficients[] _coefficients = new Coefficients[1];

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Default 0.001 (Keras) / 0.01 (PyTorch).</param>
    /// <param name="initialAccumulatorValue">≥ 0; default 0.1 (Keras) / 0 (PyTorch).</param>
    /// <param name="epsilon">&gt; 0; default 1e-7 (Keras) / 1e-10 (PyTorch).</param>
    /// <param name="lrDecay">PyTorch <c>lr_decay</c> ≥ 0: η/(1 + (t−1)·lrDecay). Under Keras use <c>InverseTimeDecay</c>.</param>
    /// <param name="options">Shared settings; null for Keras defaults.</param>
    /// <param name="name">Default "adagrad".</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    /// <exception cref="ArgumentException"><paramref name="lrDecay"/> is set under Keras.</exception>
    public Adagrad(LearningRateValue? learningRate = null, double? initialAccumulatorValue = null, double? epsilon = null,
        double lrDecay = 0.0, OptimizerOptions? options = null, string? name = null)
        : base(name ?? "adagrad", DefaultRate(learningRate, options, 0.001, 0.01), options)
    {
        _initialAccumulatorValue = Check.NonNegative(Default(initialAccumulatorValue, options, 0.1, 0.0), nameof(initialAccumulatorValue));
        _epsilon = Check.Positive(Default(epsilon, options, 1e-7, 1e-10), nameof(epsilon));
        _lrDecay = Check.NonNegative(lrDecay, nameof(lrDecay));
        if (lrDecay != 0 && Convention == Convention.Keras)
            throw new ArgumentException($"lrDecay ({lrDecay}) exists only under Convention.PyTorch; Keras uses InverseTimeDecay(lr, 1, lrDecay).", nameof(lrDecay));
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
        if (_coefficients.Length != groupLearningRates.Length) _coefficients = new Coefficients[groupLearningRates.Length];
        bool torch = Convention == Convention.PyTorch;
        for (int g = 0; g < groupLearningRates.Length; g++)
        {
            double lr = torch ? groupLearningRates[g] / (1 + (step - 1) * _lrDecay) : groupLearningRates[g];
            _coefficients[g] = new((float)lr, torch ? 0f : (float)_epsilon, torch ? (float)_epsilon : 0f);
        }
    }

    /// <inheritdoc />
    protected override int UpdateRange(int group, in GradientTransform transform, int start, int length) =>
        transform.Specialize(this, group, start, length);

    int ISpecializedUpdate.Update<T>(int group, in T transform, int start, int length) =>
        Kernel(ValueSpan(start, length), GradientSpan(start, length), SlotSpan(0, start, length),
            transform, _coefficients[group]);

    // Keras:   acc ← acc + g²;  w ← w − η·g / sqrt(acc + ε)
    // PyTorch: acc ← acc + g²;  w ← w − η̃·g / (sqrt(acc) + ε),  η̃ = η / (1 + (t−1)·lr_decay)
    // Both:    w ← w − η·g / (sqrt(acc + εin) + εout).
    internal static int Kernel<T>(Span<float> weights, ReadOnlySpan<float> gradients, Span<float> accumulator,
        in T t, in Coefficients c)
        where T : struct, IGradientTransform
    {
        var w = MemoryMarshal.Cast<float, Vector<float>>(weights);
        var g = MemoryMarshal.Cast<float, Vector<float>>(gradients);
        var acc = MemoryMarshal.Cast<float, Vector<float>>(accumulator);
        var lr = new Vector<float>(c.LearningRate);
        var inside = new Vector<float>(c.EpsilonInside);
        var outside = new Vector<float>(c.EpsilonOutside);
        int kept = 0;
        for (int i = 0; i < w.Length; i++)
        {
            var gi = t.Gradient(g[i], w[i]);
            var ai = acc[i] + gi * gi;
            var wi = t.DecayWeight(w[i]) - lr * gi / (Vector.SquareRoot(ai + inside) + outside);
            kept += UpdateGuard.Store(ref w[i], wi, ref acc[i], ai);
        }
        return kept;
    }

    /// <inheritdoc />
    protected override void AddHyperparameters(IDictionary<string, string> settings)
    {
        settings["initialAccumulatorValue"] = Format(_initialAccumulatorValue);
        settings["epsilon"] = Format(_epsilon);
        if (Convention == Convention.PyTorch) settings["lrDecay"] = Format(_lrDecay);
    }

    internal readonly record struct Coefficients(float LearningRate, float EpsilonInside, float EpsilonOutside);
}
