using Inertia.Optimizers;

namespace Inertia.Gpu.Optimizers;

internal sealed class AdadeltaAlgorithm(Adadelta optimizer) : UpdateAlgorithm<AdadeltaRule>
{
    public override string?[] RuleSlots => ["accumulated_grad", "accumulated_delta_var", null];

    public override void SetScheduledMomentum(double momentum) =>
        throw new InvalidOperationException("Adadelta has no momentum for a schedule to set.");

    public override void Prepare(long step, ReadOnlySpan<double> groupRates, Span<StepCoefficients> output)
    {
        for (int g = 0; g < groupRates.Length; g++)
            output[g] = new StepCoefficients
            {
                A = (float)optimizer.Rho, B = (float)(1 - optimizer.Rho), C = (float)groupRates[g], D = (float)optimizer.Epsilon,
            };
    }
}
