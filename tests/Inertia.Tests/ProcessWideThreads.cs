namespace Inertia.Tests;

/// <summary>
/// Tests that set <see cref="Tensors.Parallelism.MaxThreads"/> (one setting for the whole process)
/// or assert that a call allocates nothing. They run alone, one after another: otherwise another
/// class's thread count could change what a determinism test compares, or raise the pool's
/// thread count so that it starts a worker thread (an allocation) inside a measured window.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideThreadsCollection
{
    public const string Name = "Process-wide thread settings";
}
