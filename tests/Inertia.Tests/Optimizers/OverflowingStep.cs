using Inertia.Optimizers;
using Inertia.Tensors;

namespace Inertia.Tests.Optimizers;

/// <summary>
/// A step that overflows in exactly one element for every optimizer (shared with the device suite,
/// which links this file). Element 0 of <c>dense/kernel</c> sits at float.MaxValue with a gradient
/// that pushes it up by about the learning rate, 1e37 (far above the 2e31 spacing of floats there);
/// element 1 and the bias start at 0 and take ordinary finite steps.
/// </summary>
internal static class OverflowingStep
{
    public static TheoryData<string, string> EveryOptimizerInBothConventions()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in OptimizerFactory.Names)
            foreach (var convention in new[] { "keras", "pytorch" })
                data.Add(name, convention);
        return data;
    }

    /// <summary>The arena with its gradients written, and the optimizer built for it.</summary>
    public static (ParameterArena Arena, Optimizer Optimizer) Create(string name, string convention, string policy)
    {
        var arena = new ParameterArena([new Parameter("dense/kernel", new Shape(2)), new Parameter("dense/bias", new Shape(3))]);
        var kernel = arena.Parameters[0];
        kernel.Value.Span[0] = float.MaxValue;
        kernel.Gradient.Span[0] = -1f;
        kernel.Gradient.Span[1] = 1e-3f;
        arena.Parameters[1].Gradient.Span.Fill(1e-3f);
        return (arena, Build(name, convention, policy, arena));
    }

    /// <summary>Another optimizer of the same kind, built for <paramref name="arena"/>.</summary>
    public static Optimizer Build(string name, string convention, string policy, ParameterArena arena)
    {
        var optimizer = OptimizerFactory.Create(name, new Dictionary<string, string>
        {
            ["learningRate"] = "1e37", ["convention"] = convention, ["nonFinite"] = policy,
        });
        optimizer.Build(arena);
        return optimizer;
    }
}
