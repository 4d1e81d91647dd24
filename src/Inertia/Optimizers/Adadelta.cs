using System.Runtime.CompilerServices;
namespace Inertia.Optimizers;

/// <summary>
/// Adadelta (Keras <c>Adadelta</c> and <c>torch.optim.Adadelta</c> share the equations; only the
/// defaults and weight decay differ). Slots: <c>accumulated_grad</c>, <c>accumulated_delta_var</c>.
/// </summary>
public sealed class Adadelta : Optimizer<AdadeltaRule, AdadeltaCoefficients>
{
    private readonly double _rho;
    private readonly double _epsilon;

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
        var coefficients = Coefficients(groupLearningRates.Length);
        for (int g = 0; g < groupLearningRates.Length; g++)
            coefficients[g] = new((float)_rho, (float)(1 - _rho), (float)groupLearningRates[g], (float)_epsilon);
    }

    /// <inheritdoc />
    protected override void AddHyperparameters(IDictionary<string, string> settings)
    {
        settings["rho"] = Format(_rho);
        settings["epsilon"] = Format(_epsilon);
    }

}

/// <summary>Adadelta's step coefficients.</summary>
/// <param name="Rho">ρ.</param>
/// <param name="OneMinusRho">1 − ρ.</param>
/// <param name="LearningRate">η.</param>
/// <param name="Epsilon">ε.</param>
public readonly record struct AdadeltaCoefficients(float Rho, float OneMinusRho, float LearningRate, float Epsilon);

/// <summary>Adadelta's per-element rule. Slots: accumulated squared gradients E[g²], accumulated squared deltas E[Δ²].</summary>
public readonly struct AdadeltaRule : IUpdateRule<AdadeltaCoefficients>
{
    // E[g²] ← ρ·E[g²] + (1−ρ)·g²;  Δ = sqrt(E[Δ²] + ε) / sqrt(E[g²] + ε) · g;  E[Δ²] ← ρ·E[Δ²] + (1−ρ)·Δ²;  w ← w − η·Δ
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Apply<T, L>(T w, T g, ref T squaredGradients, ref T squaredDeltas, ref T unused, AdadeltaCoefficients c) where T : struct where L : struct, ILanes<T> =>
        new Step<T, L>(c).Apply(w, g, ref squaredGradients, ref squaredDeltas, ref unused);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TResult Prepare<T, L, TVisitor, TResult>(AdadeltaCoefficients c, ref TVisitor visitor)
        where T : struct where L : struct, ILanes<T> where TVisitor : IStepVisitor<T, TResult>, allows ref struct =>
        visitor.Run(new Step<T, L>(c));

    private readonly struct Step<T, L>(AdadeltaCoefficients c) : IUpdateStep<T> where T : struct where L : struct, ILanes<T>
    {
        private readonly T _rho = L.Splat(c.Rho), _oneMinusRho = L.Splat(c.OneMinusRho), _learningRate = L.Splat(c.LearningRate),
            _epsilon = L.Splat(c.Epsilon);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Apply(T w, T g, ref T squaredGradients, ref T squaredDeltas, ref T unused)
        {
            squaredGradients = L.Flush(L.Add(L.Multiply(_rho, squaredGradients), L.Multiply(_oneMinusRho, L.Multiply(g, g))));
            var delta = L.Multiply(L.Divide(L.Sqrt(L.Add(squaredDeltas, _epsilon)), L.Sqrt(L.Add(squaredGradients, _epsilon))), g);
            squaredDeltas = L.Flush(L.Add(L.Multiply(_rho, squaredDeltas), L.Multiply(_oneMinusRho, L.Multiply(delta, delta))));
            return L.Subtract(w, L.Multiply(_learningRate, delta));
        }
    }
}
