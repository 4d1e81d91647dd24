using System.Numerics;
using System.Runtime.InteropServices;

namespace Inertia.Optimizers;

/// <summary>
/// Adadelta (Keras <c>Adadelta</c> and <c>torch.optim.Adadelta</c> share the equations; only the
/// defaults and weight decay differ). Slots: <c>accumulated_grad</c>, <c>accumulated_delta_var</c>.
/// </summary>
public sealed class Adadelta : Optimizer, ISpecializedUpdate
{
    private readonly double _rho;
    private readonly double _epsilon;
    private Coefficients[] _coefficients = new Coefficients[1];

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Default 0.001 (Keras; 1.0 gives the paper's form) / 1.0 (PyTorch).</param>
    /// <param name="rho">ρ in [0, 1); default 0.95 (Keras) / 0.9 (PyTorch).</param>
    /// <param name="epsilon">&gt; 0; default 1e-7 (Keras) / 1e-6 (PyTorch).</param>
    /// <param name="options">Shared settings; null for Keras defaults.</param>
    /// <param name="name">Default "adadelta".</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public Adadelta(LearningRateValue? learningRate = null, double? rho = null, double? epsilon = null,
        OptimizerOptions? options = null, string? name = null)
        : base(name ?? "adadelta", DefaultRate(learningRate, options, 0.001, 1.0), options)
    {
        _rho = Check.UnitOpen(Default(rho, options, 0.95, 0.9), nameof(rho));
        _epsilon = Check.Positive(Default(epsilon, options, 1e-7, 1e-6), nameof(epsilon));
    }

    /// <summary>ρ.</summary>
    public double Rho => _rho;

    /// <summary>ε.</summary>
    public double Epsilon => _epsilon;

    /// <inheritdoc />
    protected override string FactoryName => "adadelta";

    /// <inheritdoc />
    protected override SlotDefinition[] DefineSlots() => [new("accumulated_grad"), new("accumulated_delta_var")];

    /// <inheritdoc />
    protected override void PrepareStep(long step, ReadOnlySpan<double> groupLearningRates)
    {
        if (_coefficients.Length != groupLearningRates.Length) _coefficients = new Coefficients[groupLearningRates.Length];
        for (int g = 0; g < groupLearningRates.Length; g++)
            _coefficients[g] = new((float)_rho, (float)(1 - _rho), (float)groupLearningRates[g], (float)_epsilon);
    }

    /// <inheritdoc />
    protected override int UpdateRange(int group, in GradientTransform transform, int start, int length) =>
        transform.Specialize(this, group, start, length);

    int ISpecializedUpdate.Update<T>(int group, in T transform, int start, int length) =>
        Kernel(ValueSpan(start, length), GradientSpan(start, length), SlotSpan(0, start, length),
            SlotSpan(1, start, length), transform, _coefficients[group]);

    // E[g²] ← ρ·E[g²] + (1−ρ)·g²;  Δ = sqrt(E[Δ²] + ε) / sqrt(E[g²] + ε) · g;  E[Δ²] ← ρ·E[Δ²] + (1−ρ)·Δ²;  w ← w − η·Δ
    internal static int Kernel<T>(Span<float> weights, ReadOnlySpan<float> gradients, Span<float> squaredGradients,
        Span<float> squaredDeltas, in T t, in Coefficients c)
        where T : struct, IGradientTransform
    {
        var w = MemoryMarshal.Cast<float, Vector<float>>(weights);
        var g = MemoryMarshal.Cast<float, Vector<float>>(gradients);
        var eg = MemoryMarshal.Cast<float, Vector<float>>(squaredGradients);
        var ed = MemoryMarshal.Cast<float, Vector<float>>(squaredDeltas);
        var rho = new Vector<float>(c.Rho);
        var oneMinusRho = new Vector<float>(c.OneMinusRho);
        var lr = new Vector<float>(c.LearningRate);
        var eps = new Vector<float>(c.Epsilon);
        int kept = 0;
        for (int i = 0; i < w.Length; i++)
        {
            var gi = t.Gradient(g[i], w[i]);
            var egi = Subnormals.Flush(rho * eg[i] + oneMinusRho * (gi * gi));
            var delta = Vector.SquareRoot(ed[i] + eps) / Vector.SquareRoot(egi + eps) * gi;
            var edi = Subnormals.Flush(rho * ed[i] + oneMinusRho * (delta * delta));
            var wi = t.DecayWeight(w[i]) - lr * delta;
            kept += UpdateGuard.Store(ref w[i], wi, ref eg[i], egi, ref ed[i], edi);
        }
        return kept;
    }

    /// <inheritdoc />
    protected override void AddHyperparameters(IDictionary<string, string> settings)
    {
        settings["rho"] = Format(_rho);
        settings["epsilon"] = Format(_epsilon);
    }

    internal readonly record struct Coefficients(float Rho, float OneMinusRho, float LearningRate, float Epsilon);
}
