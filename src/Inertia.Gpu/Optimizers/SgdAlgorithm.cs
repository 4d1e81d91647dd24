using Inertia.Optimizers;

namespace Inertia.Gpu.Optimizers;

internal sealed class SgdAlgorithm(SGD optimizer) : UpdateAlgorithm<SgdRule>
{
    private readonly bool _hasMomentum = optimizer.Slots.Any(s => s.Name == "momentum");
    private double _momentum = optimizer.Momentum;

    public override string?[] RuleSlots => [_hasMomentum ? "momentum" : null, null, null];

    public override void SetScheduledMomentum(double momentum) => _momentum = momentum;

    // Keras: (μ, −η, Nesterov ? μ : 1, Nesterov ? −η : 0). PyTorch: the buffer starts as the first
    // gradient (A = 0, C = 1 at t = 1), then (μ, 1 − τ, Nesterov ? −η·μ : −η, Nesterov ? −η : 0).
    public override void Prepare(long step, ReadOnlySpan<double> groupRates, Span<StepCoefficients> output)
    {
        double mu = _momentum;
        bool nesterov = optimizer.Nesterov;
        for (int g = 0; g < groupRates.Length; g++)
        {
            double lr = groupRates[g];
            if (!_hasMomentum)
                output[g] = new StepCoefficients { D = (float)-lr };
            else if (!IsTorch(optimizer))
                output[g] = new StepCoefficients
                {
                    A = (float)mu, B = (float)-lr, C = nesterov ? (float)mu : 1f, D = nesterov ? (float)-lr : 0f, Flags = SgdRule.HasMomentum,
                };
            else
            {
                bool first = step == 1;
                output[g] = new StepCoefficients
                {
                    A = first ? 0f : (float)mu, B = first ? 1f : (float)(1 - optimizer.Dampening),
                    C = (float)(nesterov ? -lr * mu : -lr), D = nesterov ? (float)-lr : 0f, Flags = SgdRule.HasMomentum,
                };
            }
        }
    }
}
