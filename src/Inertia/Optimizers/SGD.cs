using System.Numerics;
using System.Runtime.InteropServices;

namespace Inertia.Optimizers;

/// <summary>
/// Stochastic gradient descent, optionally with momentum or Nesterov momentum (Keras <c>SGD</c>;
/// under <see cref="Convention.PyTorch"/>, <c>torch.optim.SGD</c> with its dampening and its
/// learning rate outside the momentum buffer). Slots: <c>momentum</c> only when momentum is used.
/// </summary>
public sealed class SGD : Optimizer, ISpecializedUpdate
{
    private readonly bool _nesterov;
    private readonly double _dampening;
    private double _momentum;
    private Coefficients[] _coefficients = new Coefficients[1];

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Default 0.01 (Keras) / 1e-3 (PyTorch).</param>
    /// <param name="momentum">μ in [0, 1]; 0 for plain gradient descent.</param>
    /// <param name="nesterov">Nesterov momentum (PyTorch: needs μ &gt; 0 and no dampening).</param>
    /// <param name="dampening">PyTorch dampening τ in [0, 1] (not in Keras; must be 0 there and with Nesterov).</param>
    /// <param name="options">Shared settings; null for Keras defaults.</param>
    /// <param name="name">Default "SGD".</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    /// <exception cref="ArgumentException">PyTorch Nesterov without momentum or with dampening; dampening under Keras.</exception>
    public SGD(LearningRateValue? learningRate = null, double momentum = 0.0, bool nesterov = false, double dampening = 0.0,
        OptimizerOptions? options = null, string? name = null)
        : base(name ?? "SGD", DefaultRate(learningRate, options, 0.01, 1e-3), options)
    {
        _momentum = Check.UnitClosed(momentum, nameof(momentum));
        _dampening = Check.UnitClosed(dampening, nameof(dampening));
        _nesterov = nesterov;
        // Keras accepts Nesterov with μ = 0 (it is then plain descent); PyTorch refuses it.
        if (nesterov && Convention == Convention.PyTorch && (momentum == 0 || dampening != 0))
            throw new ArgumentException($"PyTorch Nesterov momentum needs momentum > 0 and dampening 0 (momentum {momentum}, dampening {dampening}).", nameof(nesterov));
        if (dampening != 0 && Convention == Convention.Keras)
            throw new ArgumentException($"dampening ({dampening}) exists only under Convention.PyTorch.", nameof(dampening));
    }

    /// <summary>The momentum μ (the value a schedule set most recently, if it cycles momentum).</summary>
    public double Momentum => _momentum;

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov => _nesterov;

    /// <summary>PyTorch dampening τ.</summary>
    public double Dampening => _dampening;

    private bool HasMomentum => _momentum > 0 || MomentumIsScheduled;

    /// <inheritdoc />
    protected override string FactoryName => "sgd";

    /// <inheritdoc />
    protected override bool SupportsScheduledMomentum => true;

    /// <inheritdoc />
    protected override void SetScheduledMomentum(double momentum) => _momentum = momentum;

    /// <inheritdoc />
    protected override SlotDefinition[] DefineSlots() => HasMomentum ? [new("momentum")] : [];

    /// <inheritdoc />
    protected override void PrepareStep(long step, ReadOnlySpan<double> groupLearningRates)
    {
        if (_coefficients.Length != groupLearningRates.Length) _coefficients = new Coefficients[groupLearningRates.Length];
        double mu = _momentum;
        for (int g = 0; g < groupLearningRates.Length; g++)
        {
            double lr = groupLearningRates[g];
            if (!HasMomentum)
                _coefficients[g] = new(0, 0, 0, (float)-lr);
            else if (Convention == Convention.Keras)
                _coefficients[g] = new((float)mu, (float)-lr, _nesterov ? (float)mu : 1f, _nesterov ? (float)-lr : 0f);
            else
            {
                bool first = step == 1; // PyTorch starts the buffer as a copy of the first gradient
                _coefficients[g] = new(first ? 0f : (float)mu, first ? 1f : (float)(1 - _dampening),
                    (float)(_nesterov ? -lr * mu : -lr), _nesterov ? (float)-lr : 0f);
            }
        }
    }

    /// <inheritdoc />
    protected override int UpdateRange(int group, in GradientTransform transform, int start, int length) =>
        transform.Specialize(this, group, start, length);

    int ISpecializedUpdate.Update<T>(int group, in T transform, int start, int length) =>
        Kernel(ValueSpan(start, length), GradientSpan(start, length),
            HasMomentum ? SlotSpan(0, start, length) : default, transform, _coefficients[group]);

    // Keras:   v ← μ·v − η·g;             w ← w + v          (Nesterov: w ← w + μ·v − η·g, new v)
    // PyTorch: b ← μ·b + (1 − τ)·g;        w ← w − η·b        (Nesterov: w ← w − η·(g + μ·b)); b ← g at t = 1
    // Plain:   w ← w − η·g.
    // One form for all: v ← A·v + C·g;  w ← w + P·v + Q·g (no v without momentum).
    internal static int Kernel<T>(Span<float> weights, ReadOnlySpan<float> gradients, Span<float> velocity,
        in T t, in Coefficients c)
        where T : struct, IGradientTransform
    {
        var w = MemoryMarshal.Cast<float, Vector<float>>(weights);
        var g = MemoryMarshal.Cast<float, Vector<float>>(gradients);
        var q = new Vector<float>(c.Q);
        int kept = 0;
        if (velocity.IsEmpty)
        {
            for (int i = 0; i < w.Length; i++)
            {
                var gi = t.Gradient(g[i], w[i]);
                var wi = t.DecayWeight(w[i]) + q * gi;
                kept += UpdateGuard.Store(ref w[i], wi);
            }
            return kept;
        }
        var v = MemoryMarshal.Cast<float, Vector<float>>(velocity);
        var a = new Vector<float>(c.A);
        var cg = new Vector<float>(c.C);
        var p = new Vector<float>(c.P);
        for (int i = 0; i < w.Length; i++)
        {
            var gi = t.Gradient(g[i], w[i]);
            var vi = Subnormals.Flush(a * v[i] + cg * gi);
            var wi = t.DecayWeight(w[i]) + p * vi + q * gi;
            kept += UpdateGuard.Store(ref w[i], wi, ref v[i], vi);
        }
        return kept;
    }

    /// <inheritdoc />
    protected override void AddHyperparameters(IDictionary<string, string> settings)
    {
        settings["momentum"] = Format(_momentum);
        settings["nesterov"] = Format(_nesterov);
        if (Convention == Convention.PyTorch) settings["dampening"] = Format(_dampening);
    }

    internal readonly record struct Coefficients(float A, float C, float P, float Q);
}
