using Inertia.Optimizers;

namespace Inertia.Gpu.Optimizers;

internal sealed class RadamAlgorithm(RAdam optimizer) : UpdateAlgorithm<RadamRule>
{
    private double _beta1 = optimizer.Beta1;

    public override string?[] RuleSlots => ["momentum", "velocity", null];

    public override void SetScheduledMomentum(double momentum) => _beta1 = momentum;

    // ρ_t > 5: step η·r·sqrt(1 − β₂ᵗ)/(1 − β₁ᵗ) on m/(sqrt(v) + ε); else η/(1 − β₁ᵗ) on m.
    public override void Prepare(long step, ReadOnlySpan<double> groupRates, Span<StepCoefficients> output)
    {
        double beta2 = optimizer.Beta2;
        double correction1 = 1 - Math.Pow(_beta1, step);
        double beta2Power = Math.Pow(beta2, step), correction2 = 1 - beta2Power;
        double rhoInf = 2 / (1 - beta2) - 1;
        double rho = rhoInf - 2 * step * beta2Power / correction2;
        bool rectified = rho > 5;
        double r = rectified ? Math.Sqrt((rho - 4) * (rho - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rho)) : 0;
        for (int g = 0; g < groupRates.Length; g++)
        {
            double lr = groupRates[g];
            output[g] = new StepCoefficients
            {
                A = (float)(1 - _beta1), B = (float)(1 - beta2),
                C = (float)(rectified ? lr * r * Math.Sqrt(correction2) / correction1 : lr / correction1),
                D = (float)optimizer.Epsilon, Flags = rectified ? RadamRule.Rectified : 0,
            };
        }
    }
}
