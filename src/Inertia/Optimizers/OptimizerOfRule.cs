namespace Inertia.Optimizers;

/// <summary>
/// An optimizer stated as its rule: derive from this, define the slots, compute each group's
/// <typeparamref name="TCoefficients"/> in <see cref="Optimizer.PrepareStep"/> into
/// <see cref="Coefficients"/>, and write the per-element <typeparamref name="TRule"/>. The pipeline
/// (accumulation, clipping, non-finite policy, schedules, weight decay, EMA, the update guard,
/// checkpoints, shards), the multi-core CPU loop and the device kernel come with it; see
/// docs/custom-optimizer.md.
/// </summary>
/// <typeparam name="TRule">The per-element rule, run on every backend.</typeparam>
/// <typeparam name="TCoefficients">What the rule reads per step and group.</typeparam>
public abstract class Optimizer<TRule, TCoefficients> : Optimizer, ISpecializedUpdate
    where TRule : struct, IUpdateRule<TCoefficients>
    where TCoefficients : unmanaged
{
    private TCoefficients[] _coefficients = new TCoefficients[1];

    /// <inheritdoc />
    protected Optimizer(string name, LearningRateValue learningRate, OptimizerOptions? options)
        : base(name, learningRate, options)
    {
    }

    /// <summary>
    /// One entry per group (index 0: the default group), sized to the groups before each
    /// <see cref="Optimizer.PrepareStep"/>; the step's rule reads entry <c>group</c>.
    /// </summary>
    protected Span<TCoefficients> Coefficients(int groups)
    {
        if (_coefficients.Length != groups) _coefficients = new TCoefficients[groups];
        return _coefficients;
    }

    /// <inheritdoc />
    protected sealed override int UpdateRange(int group, in GradientTransform transform, int start, int length) =>
        transform.Specialize(this, group, start, length);

    int ISpecializedUpdate.Update<T>(int group, in T transform, int start, int length)
    {
        int slots = Slots.Count;
        return UpdateLoop.Run<TRule, TCoefficients, T>(ValueSpan(start, length), GradientSpan(start, length),
            slots > 0 ? SlotSpan(0, start, length) : default, slots > 1 ? SlotSpan(1, start, length) : default,
            slots > 2 ? SlotSpan(2, start, length) : default, transform, _coefficients[group]);
    }

    internal sealed override bool StatesRule => true;

    internal sealed override void DispatchUpdate(IUpdateDispatch dispatch) => dispatch.Run<TRule, TCoefficients>(_coefficients);
}
