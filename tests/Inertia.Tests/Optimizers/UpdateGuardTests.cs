using Inertia.Optimizers;
using Inertia.Tensors;

namespace Inertia.Tests.Optimizers;

/// <summary>
/// Finite gradients can still overflow an update. Every optimizer stores an element's new weight
/// and state only when all of them are finite; the rest of the step goes ahead and the step is
/// reported as <see cref="StepResult.Overflowed"/>.
/// </summary>
public class UpdateGuardTests
{
    public static TheoryData<string, string> EveryOptimizerInBothConventions() => OverflowingStep.EveryOptimizerInBothConventions();

    [Theory]
    [MemberData(nameof(EveryOptimizerInBothConventions))]
    public void An_overflowing_element_keeps_its_weight_and_state_while_the_others_update(string name, string convention)
    {
        var (arena, optimizer) = OverflowingStep.Create(name, convention, "skip");
        var kernel = arena.Parameters[0];
        var before = Snapshot(optimizer, kernel);

        var result = optimizer.Apply();

        Assert.Equal(StepResult.Overflowed, result);
        Assert.Equal(float.MaxValue, kernel.Value.Span[0]);
        foreach (var slot in optimizer.Slots)
            Assert.Equal(before[slot.Name], optimizer.GetSlot(kernel, slot.Name)[0]);
        float moved = kernel.Value.Span[1];
        Assert.True(float.IsFinite(moved) && moved != 0f, $"{name}: the finite element should have moved, it is {moved}.");
        AssertAllFinite(arena, optimizer);
        Assert.Equal(1, optimizer.Iterations);
        Assert.Equal(1, optimizer.OverflowedSteps);
        Assert.Equal(1, optimizer.RejectedElements);
        Assert.Equal(new UpdateOverflow(1, "dense/kernel", 1, 1), optimizer.LastOverflow);
    }

    [Theory]
    [MemberData(nameof(EveryOptimizerInBothConventions))]
    public void Under_the_throw_policy_an_overflow_throws_after_keeping_the_element(string name, string convention)
    {
        var (arena, optimizer) = OverflowingStep.Create(name, convention, "throw");

        var e = Assert.Throws<NonFiniteUpdateException>(() => optimizer.Apply());

        Assert.Equal("dense/kernel", e.ParameterName);
        Assert.Contains("'dense/kernel'", e.Message);
        Assert.Contains("1 value(s)", e.Message);
        Assert.Equal(float.MaxValue, arena.Parameters[0].Value.Span[0]);
        AssertAllFinite(arena, optimizer);
    }

    [Fact]
    public void A_step_without_overflow_reports_updated_and_counts_nothing()
    {
        var arena = new ParameterArena([new Parameter("dense/kernel", new Shape(2))]);
        arena.Parameters[0].Gradient.Span.Fill(0.5f);
        var optimizer = new Adam(0.1);
        optimizer.Build(arena);

        Assert.Equal(StepResult.Updated, optimizer.Apply());
        Assert.Equal(0, optimizer.OverflowedSteps);
        Assert.Null(optimizer.LastOverflow);
    }

    [Fact]
    public void AdamW_with_a_decay_factor_below_minus_one_never_writes_infinity_or_NaN()
    {
        // 1 − λη = 1 − 4 = −3: each step multiplies the weight by −3 until it would overflow.
        var arena = new ParameterArena([new Parameter("dense/kernel", new Shape(3)), new Parameter("dense/bias", new Shape(1))]);
        arena.Parameters[0].Value.Span.Fill(1.5f);
        var optimizer = new AdamW(1e3, options: new OptimizerOptions { WeightDecay = 4e-3 });
        optimizer.Build(arena);
        var results = new List<StepResult>();
        for (int step = 0; step < 200; step++)
        {
            arena.Parameters[0].Gradient.Span.Fill(1e-3f);
            results.Add(optimizer.Apply());
            AssertAllFinite(arena, optimizer);
        }
        Assert.Contains(StepResult.Overflowed, results);
        Assert.Equal(results.Count(r => r == StepResult.Overflowed), optimizer.OverflowedSteps);
        Assert.Equal("dense/kernel", optimizer.LastOverflow!.ParameterName);
        Assert.Equal(200, optimizer.Iterations);
    }

    [Fact]
    public void Overflow_counters_survive_save_and_load()
    {
        var (arena, optimizer) = OverflowingStep.Create("adam", "keras", "skip");
        optimizer.Apply();
        using var stream = new MemoryStream();
        optimizer.SaveState(stream);
        stream.Position = 0;
        var restored = OverflowingStep.Build("adam", "keras", "skip", arena);

        restored.LoadState(stream);

        Assert.Equal(1, restored.OverflowedSteps);
        Assert.Equal(1, restored.RejectedElements);
    }

    private static Dictionary<string, float> Snapshot(Optimizer optimizer, Parameter parameter) =>
        optimizer.Slots.ToDictionary(s => s.Name, s => optimizer.GetSlot(parameter, s.Name)[0]);

    private static void AssertAllFinite(ParameterArena arena, Optimizer optimizer)
    {
        foreach (var p in arena.Parameters)
        {
            foreach (float w in p.Value.Span)
                Assert.True(float.IsFinite(w), $"{optimizer.Name}: a weight of {p.Name} is {w}.");
            foreach (var slot in optimizer.Slots)
                foreach (float v in optimizer.GetSlot(p, slot.Name))
                    Assert.True(float.IsFinite(v), $"{optimizer.Name}: slot {slot.Name} of {p.Name} holds {v}.");
        }
    }
}
