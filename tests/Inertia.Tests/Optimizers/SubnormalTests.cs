using Inertia.Optimizers;
using Inertia.Tensors;

namespace Inertia.Tests.Optimizers;

public class SubnormalTests
{
    // Every variant of the zoo except the one whose OneCycle schedule ends after 200 steps.
    public static TheoryData<string> LongRunning()
    {
        var data = new TheoryData<string>();
        foreach (var name in OptimizerZoo.All.Keys.Where(n => !n.Contains("onecycle", StringComparison.Ordinal))) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(LongRunning))]
    public void State_of_a_gradient_that_stopped_decays_to_exact_zero_not_to_subnormals(string name)
    {
        var arena = OptimizerZoo.Arena(seed: 3);
        var optimizer = OptimizerZoo.All[name]();
        optimizer.Build(arena);
        OptimizerZoo.WriteGradients(arena);
        optimizer.Apply();
        optimizer.Apply();
        // From now on the gradient is zero, as for a dead ReLU unit: every decaying moment
        // shrinks geometrically and must end at exactly 0, not at a tiny value.
        arena.ZeroGradients();
        for (int step = 0; step < 2000; step++)
            optimizer.Apply();
        // Without flushing, 0.9-decayed moments stick at the smallest subnormal under round-to-nearest.
        foreach (var slot in optimizer.Slots)
            foreach (var p in arena.Parameters)
                foreach (float v in optimizer.GetSlot(p, slot.Name))
                    Assert.False(v != 0 && Math.Abs(v) < Subnormals.Threshold, $"{name}: slot {slot.Name} of {p.Name} holds {v:E3}.");
        foreach (float w in arena.Values.Span)
            Assert.True(float.IsNormal(w) || w == 0, $"{name}: weight {w:E3} is not a normal float.");
    }
}
