namespace Inertia.Optimizers;

/// <summary>
/// An optimizer's per-element rule, written once for every backend: the CPU runs it over vectors in
/// <see cref="UpdateLoop"/>, a device (ILGPU) runs it over single floats in its update kernel. It
/// receives the weight after decoupled decay and the gradient after clipping, <c>maximize</c> and
/// L2 (the pipeline's <see cref="GradientTransform"/>), reads and writes up to three slots (the
/// optimizer's first slots in <see cref="Optimizer.Slots"/> order; unbound ones hold 0 and are
/// neither stored nor checked), and returns the new weight. The caller stores the results only
/// when all of them are finite (<see cref="UpdateGuard"/>). A rule must keep a zero weight zero
/// when its gradient is zero (the arena's padding; padding slot values are never read back), keep
/// no state of its own, and flush with <see cref="ILanes{T}.Flush"/> every slot
/// value it stores that can decay towards zero (a moment; not a sum that only grows). Implement it as a struct with no fields.
/// </summary>
/// <typeparam name="TCoefficients">The step's coefficients, computed once per step and group in double by the optimizer (an unmanaged struct of floats and flags).</typeparam>
public interface IUpdateRule<TCoefficients> where TCoefficients : unmanaged
{
    /// <summary>
    /// One step of one element (or one vector of elements). Mark it
    /// <c>[MethodImpl(MethodImplOptions.AggressiveInlining)]</c>: the CPU loop is only as fast as
    /// the hand-written loop it replaces when the rule is inlined into it (the coefficients then
    /// live in registers; they are passed by value for the same reason).
    /// </summary>
    T Apply<T, TLanes>(T weight, T gradient, ref T slot0, ref T slot1, ref T slot2, TCoefficients c)
        where T : struct
        where TLanes : struct, ILanes<T>;

    /// <summary>
    /// Gives <paramref name="visitor"/> this rule's step for coefficients <paramref name="c"/> in
    /// lanes <typeparamref name="TLanes"/>: a struct holding every coefficient already splatted
    /// (and, where a flag selects arithmetic, a step type per flag value), whose
    /// <see cref="IUpdateStep{T}.Apply"/> is the arithmetic of <see cref="Apply"/>. The CPU runs
    /// its loop over that step: the JIT neither hoists a splat out of the loop nor a flag test, so
    /// a rule whose loop splats per vector ran up to a third slower than one that splatted before
    /// it. Implement <see cref="Apply"/> as <c>new Step&lt;T, TLanes&gt;(c).Apply(...)</c> so that the
    /// arithmetic is written once.
    /// </summary>
    TResult Prepare<T, TLanes, TVisitor, TResult>(TCoefficients c, ref TVisitor visitor)
        where T : struct
        where TLanes : struct, ILanes<T>
        where TVisitor : IStepVisitor<T, TResult>, allows ref struct;
}
