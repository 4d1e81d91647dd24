namespace Inertia.Optimizers;

/// <summary>
/// Adam with decoupled weight decay (Keras <c>AdamW</c>, λ default 0.004; under
/// <see cref="Convention.PyTorch"/>, <c>torch.optim.AdamW</c>, λ default 0.01). The decay
/// <c>w ← w − w·λ·η</c> uses the scheduled η and precedes the moment updates.
/// </summary>
public sealed class AdamW : Adam
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Default 0.001.</param>
    /// <param name="weightDecay">λ ≥ 0; default 0.004 (Keras) / 0.01 (PyTorch). May instead be given in <paramref name="options"/>, not both.</param>
    /// <param name="beta1">β₁ in [0, 1); default 0.9.</param>
    /// <param name="beta2">β₂ in [0, 1); default 0.999.</param>
    /// <param name="epsilon">&gt; 0; default 1e-7 (Keras) / 1e-8 (PyTorch).</param>
    /// <param name="amsgrad">Use the maximum of past second moments; default false.</param>
    /// <param name="options">Shared settings; null for Keras defaults.</param>
    /// <param name="name">Default "adamw".</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    /// <exception cref="ArgumentException">Weight decay is given both here and in the options.</exception>
    public AdamW(LearningRateValue? learningRate = null, double? weightDecay = null, double? beta1 = null, double? beta2 = null,
        double? epsilon = null, bool? amsgrad = null, OptimizerOptions? options = null, string? name = null)
        : base(learningRate, beta1, beta2, epsilon, amsgrad, WithDecay(options, weightDecay), name ?? "adamw")
    {
    }

    /// <inheritdoc />
    protected override string FactoryName => "adamw";

    /// <inheritdoc />
    protected override bool DecoupledWeightDecay => true;

    private static OptimizerOptions WithDecay(OptimizerOptions? options, double? weightDecay)
    {
        options ??= OptimizerOptions.Keras;
        if (weightDecay.HasValue && options.WeightDecay.HasValue && weightDecay != options.WeightDecay)
            throw new ArgumentException($"AdamW got weightDecay {weightDecay} and options.WeightDecay {options.WeightDecay}; give one.", nameof(weightDecay));
        double decay = weightDecay ?? options.WeightDecay ?? (options.Convention == Convention.PyTorch ? 0.01 : 0.004);
        return options with { WeightDecay = decay };
    }
}
