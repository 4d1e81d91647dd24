using Inertia.Optimizers;

namespace Inertia.Gpu.Optimizers;

/// <summary>Adam and AdamW (AdamW differs only in the decoupled decay the pipeline folds into the weight).</summary>
internal sealed class AdamAlgorithm(Adam optimizer) : UpdateAlgorithm<AdamRule>
{
    private double _beta1 = optimizer.Beta1;

    public override string?[] RuleSlots => ["momentum", "velocity", optimizer.Amsgrad ? "velocity_hat" : null];

    public override void SetScheduledMomentum(double momentum) => _beta1 = momentum;

    // Keras: a = η·sqrt(1 − β₂ᵗ)/(1 − β₁ᵗ), s = 1. PyTorch: a = η/(1 − β₁ᵗ), s = 1/sqrt(1 − β₂ᵗ).
    public override void Prepare(long step, ReadOnlySpan<double> groupRates, Span<StepCoefficients> output)
    {
        double beta2 = optimizer.Beta2;
        double correction1 = 1 - Math.Pow(_beta1, step), correction2 = 1 - Math.Pow(beta2, step);
        bool torch = IsTorch(optimizer);
        for (int g = 0; g < groupRates.Length; g++)
        {
            double lr = groupRates[g];
            output[g] = new StepCoefficients
            {
                A = (float)(1 - _beta1), B = (float)(1 - beta2),
                C = (float)(torch ? lr / correction1 : lr * Math.Sqrt(correction2) / correction1),
                D = (float)(torch ? 1 / Math.Sqrt(correction2) : 1), E = (float)optimizer.Epsilon,
                Flags = optimizer.Amsgrad ? AdamRule.Amsgrad : 0,
            };
        }
    }
}
