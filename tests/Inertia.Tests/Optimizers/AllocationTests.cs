using Inertia.Optimizers;
using Inertia.Tensors;

namespace Inertia.Tests.Optimizers;

[Collection(ProcessWideThreadsCollection.Name)]
public class AllocationTests
{
    [Theory]
    [MemberData(nameof(OptimizerZoo.Names), MemberType = typeof(OptimizerZoo))]
    public void A_step_allocates_nothing_after_warm_up(string name)
    {
        var arena = OptimizerZoo.Arena(seed: 2, large: 50_000);
        var optimizer = OptimizerZoo.All[name]();
        optimizer.AddGroup(new ParameterGroup("bias$") { LearningRateMultiplier = 0.5 });
        optimizer.ExcludeBiasAndNormalizationFromWeightDecay();
        optimizer.Build(arena);
        OptimizerZoo.WriteGradients(arena);
        for (int i = 0; i < 3; i++) optimizer.Apply();
        // The first measured window of a process can include one-time runtime allocations.
        Assert.True(ThreadAllocations.During(() => { for (int i = 0; i < 3; i++) optimizer.Apply(); }) < 4096);

        long allocated = ThreadAllocations.During(() => { for (int i = 0; i < 10; i++) optimizer.Apply(); });

        Assert.Equal(0, allocated);
    }
}
