using ILGPU;
using ILGPU.Runtime;
using Inertia.Optimizers;

namespace Inertia.Gpu.Optimizers;

/// <summary>
/// The host half of one algorithm on the device: reads the CPU optimizer's hyperparameters, names
/// which of its slots the rule binds as slot 0..2, and computes the per-group coefficients of each
/// step in double exactly as the CPU optimizer's <c>PrepareStep</c> does.
/// </summary>
internal abstract class UpdateAlgorithm
{
    /// <summary>Slot names (from the CPU optimizer's <see cref="Optimizer.Slots"/>) bound as the rule's slot 0, 1, 2; null where the rule has none.</summary>
    public abstract string?[] RuleSlots { get; }

    /// <summary>Sets the momentum (or β₁) a schedule imposes for the coming update.</summary>
    public abstract void SetScheduledMomentum(double momentum);

    /// <summary>Fills <paramref name="output"/>[g] for each group's learning rate at 1-based step <paramref name="step"/>.</summary>
    public abstract void Prepare(long step, ReadOnlySpan<double> groupRates, Span<StepCoefficients> output);

    /// <summary>Launches the fused update over <paramref name="length"/> elements; <paramref name="rejected"/>[p] counts parameter p's elements that kept their values.</summary>
    public abstract void Launch(Kernels kernels, int length, ArrayView<float> weights, ArrayView<float> gradients,
        ArrayView<float> slot0, ArrayView<float> slot1, ArrayView<float> slot2, ArrayView<int> segments,
        ArrayView<ParameterCoefficients> parameters, ArrayView<StepCoefficients> groups, float clip, ArrayView<int> rejected);

    /// <summary>Stores the host-side scalars the CPU optimizer keeps in its state (under its keys), so the state can be handed back.</summary>
    public virtual void WriteScalars(IDictionary<string, double> scalars)
    {
    }

    /// <summary>The device algorithm mirroring <paramref name="optimizer"/>.</summary>
    /// <exception cref="NotSupportedException">The optimizer is a type the GPU backend has no kernel for.</exception>
    public static UpdateAlgorithm For(Optimizer optimizer) => optimizer switch
    {
        SGD o => new SgdAlgorithm(o),
        RMSprop o => new RmspropAlgorithm(o),
        Adagrad o => new AdagradAlgorithm(o),
        Adam o => new AdamAlgorithm(o),
        Adamax o => new AdamaxAlgorithm(o),
        Nadam o => new NadamAlgorithm(o),
        Lion o => new LionAlgorithm(o),
        Adadelta o => new AdadeltaAlgorithm(o),
        RAdam o => new RadamAlgorithm(o),
        _ => throw new NotSupportedException($"The GPU backend has no update kernel for optimizer type {optimizer.GetType().FullName}."),
    };

    protected static bool IsTorch(Optimizer optimizer) => optimizer.Convention == Convention.PyTorch;
}

/// <summary>An algorithm bound to its rule type, so the launch compiles (once per context) the generic kernel for it.</summary>
internal abstract class UpdateAlgorithm<TRule> : UpdateAlgorithm where TRule : struct, IUpdateRule
{
    public sealed override void Launch(Kernels kernels, int length, ArrayView<float> weights, ArrayView<float> gradients,
        ArrayView<float> slot0, ArrayView<float> slot1, ArrayView<float> slot2, ArrayView<int> segments,
        ArrayView<ParameterCoefficients> parameters, ArrayView<StepCoefficients> groups, float clip, ArrayView<int> rejected) =>
        kernels.Update<TRule>()(length, weights, gradients, slot0, slot1, slot2, segments, parameters, groups, clip, rejected);
}
