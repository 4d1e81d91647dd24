using Inertia.Optimizers;

namespace Inertia.Gpu.Optimizers;

internal sealed class AdagradAlgorithm(Adagrad optimizer) : UpdateAlgorithm<AdagradRule>
{
    public override string?[] RuleSlots => ["accumulator", null, null];

    public override void SetScheduledMomentum(double momentum) =>
        throw new InvalidOperationException("Adagrad has no momentum for a schedule to set.");

    // PyTorch: η / (1 + (t − 1)·lr_decay), ε outside the root; Keras: ε inside.
    public override void Prepare(long step, ReadOnlySpan<double> groupRates, Span<StepCoefficients> output)
    {
        bool torch = IsTorch(optimizer);
        for (int g = 0; g < groupRates.Length; g++)
        {
            double lr = torch ? groupRates[g] / (1 + (step - 1) * optimizer.LrDecay) : groupRates[g];
            output[g] = new StepCoefficients
            {
                A = (float)lr, B = torch ? 0f : (float)optimizer.Epsilon, C = torch ? (float)optimizer.Epsilon : 0f,
            };
        }
    }
}
