using Inertia.Optimizers;

namespace Inertia.Gpu.Optimizers;

/// <summary>
/// Nadam keeps the product of the momentum schedule (Keras <c>u_product</c>) on the host; it starts
/// as the product over the steps the CPU optimizer already took, so a model moved to the GPU
/// mid-training continues the same schedule.
/// </summary>
internal sealed class NadamAlgorithm : UpdateAlgorithm<NadamRule>
{
    private readonly Nadam _optimizer;
    private double _beta1;
    private double _product = 1.0;

    public NadamAlgorithm(Nadam optimizer)
    {
        _optimizer = optimizer;
        _beta1 = optimizer.Beta1;
        for (long t = 1; t <= optimizer.Iterations; t++) _product *= MomentumAt(t);
    }

    public override string?[] RuleSlots => ["momentum", "velocity", null];

    public override void SetScheduledMomentum(double momentum) => _beta1 = momentum;

    public override void WriteScalars(IDictionary<string, double> scalars) => scalars[Nadam.ProductKey] = _product;

    private double MomentumAt(long step) => _beta1 * (1.0 - 0.5 * Math.Pow(0.96, step * _optimizer.MomentumDecay));

    public override void Prepare(long step, ReadOnlySpan<double> groupRates, Span<StepCoefficients> output)
    {
        double u = MomentumAt(step), uNext = MomentumAt(step + 1);
        _product *= u;
        double product = _product, productNext = product * uNext;
        double correction2 = 1 - Math.Pow(_optimizer.Beta2, step);
        for (int g = 0; g < groupRates.Length; g++)
        {
            double lr = groupRates[g];
            output[g] = new StepCoefficients
            {
                A = (float)(1 - _beta1), B = (float)(1 - _optimizer.Beta2),
                C = (float)(lr * uNext / (1 - productNext)), D = (float)(lr * (1 - u) / (1 - product)),
                E = (float)(1 / correction2), F = (float)_optimizer.Epsilon,
            };
        }
    }
}
