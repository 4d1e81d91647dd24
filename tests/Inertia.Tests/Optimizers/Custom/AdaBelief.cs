using System.Runtime.CompilerServices;
using Inertia.Optimizers;

namespace Inertia.Tests.Optimizers.Custom;

/// <summary>
/// AdaBelief (Zhuang et al., NeurIPS 2020, Algorithm 2) defined outside the library with its
/// public API only, as docs/custom-optimizer.md shows: hyperparameters, slots, the per-step
/// coefficients and the per-element rule. Everything else (pipeline, CPU loop, device kernel)
/// comes from <see cref="Optimizer{TRule, TCoefficients}"/>.
/// </summary>
public sealed class AdaBelief(double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-16,
    OptimizerOptions? options = null) : Optimizer<AdaBeliefRule, AdaBeliefCoefficients>("adabelief", learningRate, options)
{
    protected override string FactoryName => "adabelief";

    protected override SlotDefinition[] DefineSlots() => [new("momentum"), new("belief")];

    // m̂ = m/(1 − β₁ᵗ), ŝ = s/(1 − β₂ᵗ): folded into a = η/(1 − β₁ᵗ) and k = 1/sqrt(1 − β₂ᵗ).
    protected override void PrepareStep(long step, ReadOnlySpan<double> groupLearningRates)
    {
        var coefficients = Coefficients(groupLearningRates.Length);
        double correction1 = 1 - Math.Pow(beta1, step), correction2 = 1 - Math.Pow(beta2, step);
        for (int g = 0; g < groupLearningRates.Length; g++)
            coefficients[g] = new((float)(1 - beta1), (float)(1 - beta2), (float)(groupLearningRates[g] / correction1),
                (float)(1 / Math.Sqrt(correction2)), (float)epsilon);
    }

    protected override void AddHyperparameters(IDictionary<string, string> settings)
    {
        settings["beta1"] = Format(beta1);
        settings["beta2"] = Format(beta2);
        settings["epsilon"] = Format(epsilon);
    }
}

/// <summary>AdaBelief's step coefficients.</summary>
public readonly record struct AdaBeliefCoefficients(float OneMinusBeta1, float OneMinusBeta2, float StepSize, float RootScale, float Epsilon);

/// <summary>AdaBelief's per-element rule. Slots: momentum m, belief s.</summary>
public readonly struct AdaBeliefRule : IUpdateRule<AdaBeliefCoefficients>
{
    // m ← β₁·m + (1 − β₁)·g;  s ← β₂·s + (1 − β₂)·(g − m)² + ε;  w ← w − η·m̂ / (sqrt(ŝ) + ε)
    // Here: m ← m + (g − m)(1 − β₁);  s ← s + ((g − m)² − s)(1 − β₂) + ε;  w ← w − a·m / (sqrt(s)·k + ε).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Apply<T, L>(T w, T g, ref T m, ref T s, ref T unused, AdaBeliefCoefficients c) where T : struct where L : struct, ILanes<T>
    {
        m = L.Flush(L.Add(m, L.Multiply(L.Subtract(g, m), L.Splat(c.OneMinusBeta1))));
        var surprise = L.Subtract(g, m);
        s = L.Flush(L.Add(L.Add(s, L.Multiply(L.Subtract(L.Multiply(surprise, surprise), s), L.Splat(c.OneMinusBeta2))), L.Splat(c.Epsilon)));
        return L.Subtract(w, L.Divide(L.Multiply(L.Splat(c.StepSize), m), L.Add(L.Multiply(L.Sqrt(s), L.Splat(c.RootScale)), L.Splat(c.Epsilon))));
    }

    // No prepared step of its own: the adapter splats per vector, which is exact and only slower.
    public TResult Prepare<T, L, TVisitor, TResult>(AdaBeliefCoefficients c, ref TVisitor visitor)
        where T : struct where L : struct, ILanes<T> where TVisitor : IStepVisitor<T, TResult>, allows ref struct =>
        visitor.Run(new RuleStep<AdaBeliefRule, AdaBeliefCoefficients, T, L>(c));
}
