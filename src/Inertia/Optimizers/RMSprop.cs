using System.Numerics;
using System.Runtime.InteropServices;

namespace Inertia.Optimizers;

/// <summary>
/// RMSprop (Keras <c>RMSprop</c>; under <see cref="Convention.PyTorch"/>, <c>torch.optim.RMSprop</c>
/// with ε outside the root and the learning rate outside the momentum buffer). Slots:
/// <c>velocity</c>, plus <c>momentum</c> when μ &gt; 0 and <c>average_gradient</c> when centered.
/// </summary>
public sealed class RMSprop : Optimizer, ISpecializedUpdate
{
    private readonly double _rho;
    private readonly double _epsilon;
    private readonly bool _centered;
    private double _momentum;
    private Coefficients[] _coefficients = new Coefficients[1];

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Default 0.001 (Keras) / 0.01 (PyTorch).</param>
    /// <param name="rho">Decay ρ (PyTorch <c>alpha</c>) in [0, 1); default 0.9 (Keras) / 0.99 (PyTorch).</param>
    /// <param name="momentum">μ in [0, 1].</param>
    /// <param name="epsilon">&gt; 0; default 1e-7 (Keras, inside the root) / 1e-8 (PyTorch, outside).</param>
    /// <param name="centered">Divide by the estimated variance instead of the raw second moment.</param>
    /// <param name="options">Shared settings; null for Keras defaults.</param>
    /// <param name="name">Default "rmsprop".</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public RMSprop(LearningRateValue? learningRate = null, double? rho = null, double momentum = 0.0, double? epsilon = null,
        bool centered = false, OptimizerOptions? options = null, string? name = null)
        : base(name ?? "rmsprop", DefaultRate(learningRate, options, 0.001, 0.01), options)
    {
        _rho = Check.UnitOpen(Default(rho, options, 0.9, 0.99), nameof(rho));
        _momentum = Check.UnitClosed(momentum, nameof(momentum));
        _epsilon = Check.Positive(Default(epsilon, options, 1e-7, 1e-8), nameof(epsilon));
        _centered = centered;
    }

    /// <summary>Decay ρ of the squared-gradient average.</summary>
    public double Rho => _rho;

    /// <summary>Momentum μ.</summary>
    public double Momentum => _momentum;

    /// <summary>ε.</summary>
    public double Epsilon => _epsilon;

    /// <summary>Whether the variance is centered.</summary>
    public bool Centered => _centered;

    private bool HasMomentum => _momentum > 0 || MomentumIsScheduled;

    /// <inheritdoc />
    protected override string FactoryName => "rmsprop";

    /// <inheritdoc />
    protected override bool SupportsScheduledMomentum => true;

    /// <inheritdoc />
    protected override void SetScheduledMomentum(double momentum) => _momentum = momentum;

    /// <inheritdoc />
    protected override SlotDefinition[] DefineSlots()
    {
        var slots = new List<SlotDefinition> { new("velocity") };
        if (HasMomentum) slots.Add(new("momentum"));
        if (_centered) slots.Add(new("average_gradient"));
        return slots.ToArray();
    }

    /// <inheritdoc />
    protected override void PrepareStep(long step, ReadOnlySpan<double> groupLearningRates)
    {
        if (_coefficients.Length != groupLearningRates.Length) _coefficients = new Coefficients[groupLearningRates.Length];
        for (int g = 0; g < groupLearningRates.Length; g++)
            _coefficients[g] = new((float)_rho, (float)(1 - _rho), (float)groupLearningRates[g], (float)_epsilon, (float)_momentum);
    }

    /// <inheritdoc />
    protected override int UpdateRange(int group, in GradientTransform transform, int start, int length) =>
        transform.Specialize(this, group, start, length);

    int ISpecializedUpdate.Update<T>(int group, in T transform, int start, int length)
    {
        int next = 1;
        var momentum = HasMomentum ? SlotSpan(next++, start, length) : default;
        var average = _centered ? SlotSpan(next, start, length) : default;
        return Kernel(Convention == Convention.PyTorch, ValueSpan(start, length), GradientSpan(start, length),
            SlotSpan(0, start, length), momentum, average, transform, _coefficients[group]);
    }

    // Both:    v ← ρ·v + (1−ρ)·g²;   centered: a ← ρ·a + (1−ρ)·g  (PyTorch: a + (1−ρ)(g − a))
    // Keras:   D = v − a² + ε (or v + ε);   inc = η·g / sqrt(D);   μ > 0: m ← μ·m + inc, w ← w − m;  else w ← w − inc
    // PyTorch: d = sqrt(v − a²) + ε (or sqrt(v) + ε);   μ > 0: b ← μ·b + g/d, w ← w − η·b;  else w ← w − η·g/d
    internal static int Kernel<T>(bool torch, Span<float> weights, ReadOnlySpan<float> gradients, Span<float> velocity,
        Span<float> momentum, Span<float> average, in T t, in Coefficients c)
        where T : struct, IGradientTransform
    {
        var w = MemoryMarshal.Cast<float, Vector<float>>(weights);
        var g = MemoryMarshal.Cast<float, Vector<float>>(gradients);
        var v = MemoryMarshal.Cast<float, Vector<float>>(velocity);
        var m = MemoryMarshal.Cast<float, Vector<float>>(momentum);
        var a = MemoryMarshal.Cast<float, Vector<float>>(average);
        bool hasMomentum = !momentum.IsEmpty, centered = !average.IsEmpty;
        var rho = new Vector<float>(c.Rho);
        var oneMinusRho = new Vector<float>(c.OneMinusRho);
        var lr = new Vector<float>(c.LearningRate);
        var eps = new Vector<float>(c.Epsilon);
        var mu = new Vector<float>(c.Momentum);
        int kept = 0;
        for (int i = 0; i < w.Length; i++)
        {
            var gi = t.Gradient(g[i], w[i]);
            var vi = Subnormals.Flush(rho * v[i] + oneMinusRho * (gi * gi));
            var second = vi;
            var ai = Vector<float>.Zero;
            if (centered)
            {
                ai = Subnormals.Flush(torch ? a[i] + oneMinusRho * (gi - a[i]) : rho * a[i] + oneMinusRho * gi);
                second = vi - ai * ai;
            }
            // PyTorch: the step is g/d, scaled by η after the momentum; Keras: η·g/sqrt(D) before it.
            var step = torch ? gi / (Vector.SquareRoot(second) + eps) : lr * gi / Vector.SquareRoot(second + eps);
            if (hasMomentum) step = Subnormals.Flush(mu * m[i] + step);
            var wi = t.DecayWeight(w[i]) - (torch ? lr * step : step);
            kept += centered
                ? hasMomentum ? UpdateGuard.Store(ref w[i], wi, ref v[i], vi, ref a[i], ai, ref m[i], step) : UpdateGuard.Store(ref w[i], wi, ref v[i], vi, ref a[i], ai)
                : hasMomentum ? UpdateGuard.Store(ref w[i], wi, ref v[i], vi, ref m[i], step) : UpdateGuard.Store(ref w[i], wi, ref v[i], vi);
        }
        return kept;
    }

    /// <inheritdoc />
    protected override void AddHyperparameters(IDictionary<string, string> settings)
    {
        settings["rho"] = Format(_rho);
        settings["momentum"] = Format(_momentum);
        settings["epsilon"] = Format(_epsilon);
        settings["centered"] = Format(_centered);
    }

    internal readonly record struct Coefficients(float Rho, float OneMinusRho, float LearningRate, float Epsilon, float Momentum);
}
