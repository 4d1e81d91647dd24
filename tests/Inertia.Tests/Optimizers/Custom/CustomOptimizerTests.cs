using Inertia.Optimizers;
using Inertia.Tensors;

namespace Inertia.Tests.Optimizers.Custom;

/// <summary>An optimizer defined outside the library gets the pipeline and the CPU loop: AdaBelief against its published equations.</summary>
public class CustomOptimizerTests
{
    [Fact]
    public void AdaBelief_defined_in_the_test_assembly_follows_its_published_equations_on_the_cpu()
    {
        var (arena, gradients) = AdaBeliefCase.Create();
        var optimizer = new AdaBelief(learningRate: AdaBeliefCase.LearningRate, epsilon: AdaBeliefCase.Epsilon);
        optimizer.Build(arena);
        var reference = AdaBeliefCase.Reference(arena);

        for (int step = 0; step < gradients.Length; step++)
        {
            AdaBeliefCase.SetGradients(arena, gradients[step]);
            Assert.Equal(StepResult.Updated, optimizer.Apply());
            reference.Step(gradients[step]);
        }

        AdaBeliefCase.AssertClose(reference.Weights, arena);
    }

    [Fact]
    public void AdaBelief_gets_the_pipeline_clipping_ema_and_the_guard_for_free()
    {
        var (arena, gradients) = AdaBeliefCase.Create();
        var optimizer = new AdaBelief(options: new OptimizerOptions { GlobalClipNorm = 0.01, UseEma = true, NonFinite = NonFinitePolicy.Skip });
        optimizer.Build(arena);
        AdaBeliefCase.SetGradients(arena, gradients[0]);
        arena.Parameters[1].Gradient.Span[0] = float.NaN;

        Assert.Equal(StepResult.SkippedNonFinite, optimizer.Apply());
        AdaBeliefCase.SetGradients(arena, gradients[0]);
        Assert.Equal(StepResult.Updated, optimizer.Apply());
        Assert.Equal(1, optimizer.Iterations);
        Assert.Equal(1, optimizer.SkippedSteps);
        Assert.Equal(["momentum", "belief"], optimizer.Slots.Select(s => s.Name));
        Assert.Equal(arena.Parameters[0].Size, optimizer.GetSlot(arena.Parameters[0], "average").Length);
        Assert.Equal("adabelief", optimizer.GetConfig().Name);
    }
}
