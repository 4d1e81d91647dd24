using Inertia.Optimizers;
using Inertia.Tensors;

namespace Inertia.Tests.Optimizers;

[Collection(ProcessWideThreadsCollection.Name)]
public class DeterminismTests
{
    [Theory]
    [MemberData(nameof(OptimizerZoo.Names), MemberType = typeof(OptimizerZoo))]
    public void One_and_two_threads_give_the_same_bits(string name)
    {
        const int Large = 140_000;
        float[] Run(int threads)
        {
            int saved = Parallelism.MaxThreads;
            Parallelism.MaxThreads = threads;
            try
            {
                var arena = OptimizerZoo.Arena(seed: 5, large: Large);
                var optimizer = OptimizerZoo.All[name]();
                optimizer.Build(arena);
                OptimizerZoo.Run(optimizer, arena, 6);
                return OptimizerZoo.Snapshot(optimizer, arena);
            }
            finally
            {
                Parallelism.MaxThreads = saved;
            }
        }

        // Three chunks in the large parameter, so that two threads split it.
        Assert.InRange(Large, 2 * OptimizerLayout.ChunkFloats + 1, 3 * OptimizerLayout.ChunkFloats);
        Assert.Equal(Run(1), Run(2));
    }
}
