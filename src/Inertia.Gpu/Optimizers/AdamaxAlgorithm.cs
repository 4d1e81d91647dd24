using Inertia.Optimizers;

namespace Inertia.Gpu.Optimizers;

internal sealed class AdamaxAlgorithm(Adamax optimizer) : UpdateAlgorithm<AdamaxRule>
{
    private double _beta1 = optimizer.Beta1;

    public override string?[] RuleSlots => ["momentum", "norm", null];

    public override void SetScheduledMomentum(double momentum) => _beta1 = momentum;

    // ε inside the max (PyTorch) or added to u in the denominator (Keras).
    public override void Prepare(long step, ReadOnlySpan<double> groupRates, Span<StepCoefficients> output)
    {
        double correction1 = 1 - Math.Pow(_beta1, step);
        bool torch = IsTorch(optimizer);
        for (int g = 0; g < groupRates.Length; g++)
            output[g] = new StepCoefficients
            {
                A = (float)(1 - _beta1), B = (float)optimizer.Beta2, C = (float)(groupRates[g] / correction1),
                D = torch ? (float)optimizer.Epsilon : 0f, E = torch ? 0f : (float)optimizer.Epsilon,
            };
    }
}
