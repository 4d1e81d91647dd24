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
public abstract class Optimizer<TRule, TCoefficients> : Optimizer
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
    /// <remarks>
    /// Runs the loop compiled for the cheapest transform equal to this chunk's (nothing, decay
    /// only, or the general one). The choice is a plain branch into a generic method of this
    /// class, whose arguments are all value types: a generic virtual call here would be resolved
    /// through the runtime's shared virtual-dispatch cache, which can grow (allocate) on whichever
    /// thread happens to miss it, a step's caller included.
    /// </remarks>
    protected sealed override int UpdateRange(int group, in GradientTransform transform, int start, int length)
    {
        if (transform.IsIdentity) return Update(group, default(IdentityTransform), start, length);
        if (transform.IsDecayOnly) return Update(group, transform.DecayOnly, start, length);
        return Update(group, transform, start, length);
    }

    private int Update<T>(int group, in T transform, int start, int length) where T : struct, IGradientTransform
    {
        int slots = Slots.Count;
        return UpdateLoop.Run<TRule, TCoefficients, T>(ValueSpan(start, length), GradientSpan(start, length),
            slots > 0 ? SlotSpan(0, start, length) : default, slots > 1 ? SlotSpan(1, start, length) : default,
            slots > 2 ? SlotSpan(2, start, length) : default, transform, _coefficients[group]);
    }

    internal sealed override bool StatesRule => true;

    internal sealed override void DispatchUpdate(IUpdateDispatch dispatch) => dispatch.Run<TRule, TCoefficients>(_coefficients);
}
