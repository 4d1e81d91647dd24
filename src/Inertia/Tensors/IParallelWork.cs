namespace Inertia.Tensors;

/// <summary>
/// A loop body for <see cref="Parallelism.For"/>: one call per work item. Kernels keep one
/// instance and reuse it, so a parallel pass allocates nothing.
/// </summary>
public interface IParallelWork
{
    /// <summary>Processes work item <paramref name="index"/>. Items must not depend on each other.</summary>
    void Execute(int index);
}
