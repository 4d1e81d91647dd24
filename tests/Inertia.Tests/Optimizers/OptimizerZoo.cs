using Inertia.Optimizers;
using Inertia.Schedules;
using Inertia.Tensors;

namespace Inertia.Tests.Optimizers;

/// <summary>Every optimizer in its notable variants, and small problems to run them on.</summary>
internal static class OptimizerZoo
{
    private static readonly OptimizerOptions Torch = OptimizerOptions.PyTorch;

    public static readonly IReadOnlyDictionary<string, Func<Optimizer>> All = new Dictionary<string, Func<Optimizer>>
    {
        ["sgd"] = () => new SGD(0.05),
        ["sgd_momentum"] = () => new SGD(0.05, momentum: 0.9),
        ["sgd_nesterov"] = () => new SGD(0.05, momentum: 0.9, nesterov: true),
        ["sgd_torch_dampening"] = () => new SGD(0.05, momentum: 0.9, dampening: 0.1, options: Torch),
        ["rmsprop"] = () => new RMSprop(0.01),
        ["rmsprop_centered_momentum"] = () => new RMSprop(0.01, momentum: 0.5, centered: true),
        ["rmsprop_torch_centered_momentum"] = () => new RMSprop(0.01, momentum: 0.5, centered: true, options: Torch),
        ["adagrad"] = () => new Adagrad(0.1),
        ["adagrad_torch_decay"] = () => new Adagrad(0.1, lrDecay: 0.01, options: Torch),
        ["adam"] = () => new Adam(0.01),
        ["adam_amsgrad_torch"] = () => new Adam(0.01, amsgrad: true, options: Torch),
        ["adamw"] = () => new AdamW(0.01),
        ["adamax"] = () => new Adamax(0.01),
        ["adamax_torch"] = () => new Adamax(0.01, options: Torch),
        ["nadam"] = () => new Nadam(0.01),
        ["nadam_torch"] = () => new Nadam(0.01, options: Torch),
        ["adadelta"] = () => new Adadelta(1.0),
        ["lion"] = () => new Lion(0.001, options: new OptimizerOptions { WeightDecay = 0.1 }),
        ["radam"] = () => new RAdam(0.01),
        ["adam_ema_accumulate_clip"] = () => new Adam(new ExponentialDecay(0.01, 3, 0.9), options: new OptimizerOptions
        {
            UseEma = true, EmaMomentum = 0.9, EmaOverwriteFrequency = 4, GradientAccumulationSteps = 2, GlobalClipNorm = 1.0,
        }),
        ["sgd_onecycle_clipnorm"] = () => new SGD(new OneCycle(0.1, 200), momentum: 0.9, options: new OptimizerOptions { ClipNorm = 0.5 }),
    };

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in All.Keys) data.Add(name);
        return data;
    }

    /// <summary>Three parameters: one spanning several chunks, one tiny, one mid-size; values from <paramref name="seed"/>.</summary>
    public static ParameterArena Arena(int seed, int large = 40_000)
    {
        var arena = new ParameterArena(
        [
            new Parameter("dense/kernel", new Shape(large / 100, 100)),
            new Parameter("dense/bias", new Shape(7)),
            new Parameter("norm/gamma", new Shape(1000)),
        ]);
        var random = new Random(seed);
        foreach (var p in arena.Parameters)
            foreach (ref float v in p.Value.Span)
                v = (float)(random.NextDouble() * 4 - 2);
        return arena;
    }

    /// <summary>The gradient of Σ (i mod 5 + 1)/2·(w − sin i)² + 0.1 Σ sin w at the current values.</summary>
    public static void WriteGradients(ParameterArena arena)
    {
        foreach (var p in arena.Parameters)
        {
            var w = p.Value.Span;
            var g = p.Gradient.Span;
            for (int i = 0; i < w.Length; i++)
                g[i] = (float)((i % 5 + 1) * (w[i] - Math.Sin(i)) + 0.1 * Math.Cos(w[i]));
        }
    }

    public static void Run(Optimizer optimizer, ParameterArena arena, int steps)
    {
        for (int s = 0; s < steps; s++)
        {
            WriteGradients(arena);
            optimizer.Apply();
        }
    }

    public static float[] Snapshot(Optimizer optimizer, ParameterArena arena)
    {
        var all = new List<float>();
        var slotNames = optimizer.Slots.Select(s => s.Name).ToList();
        if (optimizer.UseEma) slotNames.Add("average");
        if (optimizer.Options.GradientAccumulationSteps > 1) slotNames.Add("accumulator");
        foreach (var p in arena.Parameters)
        {
            all.AddRange(p.Value.Span.ToArray());
            foreach (var slot in slotNames)
                all.AddRange(optimizer.GetSlot(p, slot).ToArray());
        }
        all.Add(optimizer.Iterations);
        return all.ToArray();
    }
}
