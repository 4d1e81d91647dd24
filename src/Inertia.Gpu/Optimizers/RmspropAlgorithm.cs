using Inertia.Optimizers;

namespace Inertia.Gpu.Optimizers;

internal sealed class RmspropAlgorithm(RMSprop optimizer) : UpdateAlgorithm<RmspropRule>
{
    private readonly bool _hasMomentum = optimizer.Slots.Any(s => s.Name == "momentum");
    private double _momentum = optimizer.Momentum;

    public override string?[] RuleSlots => ["velocity", _hasMomentum ? "momentum" : null, optimizer.Centered ? "average_gradient" : null];

    public override void SetScheduledMomentum(double momentum) => _momentum = momentum;

    public override void Prepare(long step, ReadOnlySpan<double> groupRates, Span<StepCoefficients> output)
    {
        int flags = (IsTorch(optimizer) ? RmspropRule.Torch : 0) | (_hasMomentum ? RmspropRule.Momentum : 0)
            | (optimizer.Centered ? RmspropRule.Centered : 0);
        for (int g = 0; g < groupRates.Length; g++)
            output[g] = new StepCoefficients
            {
                A = (float)optimizer.Rho, B = (float)(1 - optimizer.Rho), C = (float)groupRates[g], D = (float)optimizer.Epsilon,
                E = (float)_momentum, Flags = flags,
            };
    }
}
