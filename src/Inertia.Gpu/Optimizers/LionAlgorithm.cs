using Inertia.Optimizers;

namespace Inertia.Gpu.Optimizers;

internal sealed class LionAlgorithm(Lion optimizer) : UpdateAlgorithm<LionRule>
{
    private double _beta1 = optimizer.Beta1;

    public override string?[] RuleSlots => ["momentum", null, null];

    public override void SetScheduledMomentum(double momentum) => _beta1 = momentum;

    public override void Prepare(long step, ReadOnlySpan<double> groupRates, Span<StepCoefficients> output)
    {
        for (int g = 0; g < groupRates.Length; g++)
            output[g] = new StepCoefficients
            {
                A = (float)_beta1, B = (float)(1 - _beta1), C = (float)optimizer.Beta2, D = (float)(1 - optimizer.Beta2),
                E = (float)groupRates[g],
            };
    }
}
