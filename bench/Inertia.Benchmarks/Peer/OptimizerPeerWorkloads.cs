using Inertia.Benchmarks.Optimizers;
using Inertia.Optimizers;
using Inertia.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace Inertia.Benchmarks.Peer;

/// <summary>
/// One step of every optimizer on 10M parameters as 1 and as 100 tensors, and on 1M parameters
/// as 10 tensors: Inertia's whole <see cref="Optimizer.Apply()"/> (Keras defaults from the factory),
/// the same step on gradients vouched finite as a training step hands them over, and its kernel alone, against TorchSharp's <c>torch.optim</c> step (PyTorch defaults; Adam's
/// β₂ passed as 0.999 because TorchSharp defaults it to 0.99) on the same number of parameters,
/// and each layout's minimal fused passes (12, 20 and 28 bytes per parameter) as the ceiling.
/// </summary>
internal static class OptimizerPeerWorkloads
{
    private static readonly (string Name, string Factory, Func<IList<TorchSharp.Modules.Parameter>, optim.Optimizer>? Torch, int TorchSlots)[] Optimizers =
    [
        ("SGD", "sgd", ps => optim.SGD(ps, 0.01), 0),
        ("SGD momentum 0.9", "momentum", ps => optim.SGD(ps, 0.01, momentum: 0.9), 1),
        ("Nesterov 0.9", "nag", ps => optim.SGD(ps, 0.01, momentum: 0.9, nesterov: true), 1),
        ("Adagrad", "adagrad", ps => optim.Adagrad(ps, 0.01), 1),
        ("RMSprop", "rmsprop", ps => optim.RMSProp(ps, 0.001), 1),
        ("Adam", "adam", ps => optim.Adam(ps, 0.001, beta1: 0.9, beta2: 0.999), 2),
        ("AdamW", "adamw", ps => optim.AdamW(ps, 0.001, beta1: 0.9, beta2: 0.999), 2),
        ("Adamax", "adamax", ps => optim.Adamax(ps, 0.002), 2),
        ("Nadam", "nadam", ps => optim.NAdam(ps, 0.002), 2),
        ("RAdam", "radam", ps => optim.RAdam(ps, 0.001), 2),
        ("Adadelta", "adadelta", ps => optim.Adadelta(ps, 1.0), 2),
        ("Lion", "lion", null, 1),
    ];

    public static IEnumerable<PeerWorkload> Create()
    {
        foreach (var (total, tensors) in new[] { (10_000_000, 1), (10_000_000, 100), (1_000_000, 10) })
        {
            string layout = $"{total / 1_000_000}M params in {tensors} tensor{(tensors == 1 ? "" : "s")}";
            foreach (int slots in new[] { 0, 1, 2 })
            {
                var arena = Arena(total, tensors);
                var minimal = new MinimalFusedPass(arena, slots);
                yield return new PeerWorkload("optimizer step", $"minimal fused pass {12 + 8 * slots} B/param, {layout}", minimal.Run, null,
                    total / 1e6, "Mparam/s") { Key = $"{layout}/{slots}" };
            }
            foreach (var (name, factory, createTorch, torchSlots) in Optimizers)
            {
                var arena = Arena(total, tensors);
                var optimizer = OptimizerFactory.Create(factory);
                optimizer.Build(arena);
                // What Sequential's step hands Apply after its backward pass: here the gradients are
                // checked once (they never change) and the record is re-armed before every step.
                var witness = new GradientWitness();
                witness.RecordChecked(arena);
                int slots = Math.Min(2, optimizer.Slots.Count);
                var parameters = createTorch is null ? null : Parameters(total, tensors);
                var torchOptimizer = parameters is null ? null : createTorch!(parameters);
                yield return new PeerWorkload("optimizer step", $"{name}, {layout}", () => optimizer.Apply(),
                    torchOptimizer is null ? null : () => torchOptimizer.step(), total / 1e6, "Mparam/s")
                {
                    Ceiling = $"{layout}/{slots}",
                    InertiaKernel = optimizer.UpdateWithoutCheck,
                    InertiaFitStep = () =>
                    {
                        witness.Rearm();
                        optimizer.Apply(witness);
                    },
                    StateBytes = ((long)optimizer.StateBytesPerParameter * total, torchOptimizer is null ? 0 : 4L * torchSlots * total),
                    Cleanup = () => parameters?.ForEach(p => p.Dispose()),
                };
            }
        }
    }

    private static ParameterArena Arena(int total, int tensors)
    {
        var arena = new ParameterArena(Enumerable.Range(0, tensors).Select(i => new Parameter($"p{i}", new Shape(total / tensors))));
        var random = new Random(1);
        var values = arena.Values.Span;
        var gradients = arena.Gradients.Span;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(random.NextDouble() - 0.5);
            gradients[i] = (float)(random.NextDouble() - 0.5) * 1e-2f;
        }
        return arena;
    }

    private static List<TorchSharp.Modules.Parameter> Parameters(int total, int tensors)
    {
        var list = new List<TorchSharp.Modules.Parameter>(tensors);
        var generator = new Generator(7);
        for (int i = 0; i < tensors; i++)
        {
            int size = total / tensors;
            var p = nn.Parameter(randn(size, generator: generator));
            p.grad = randn(size, generator: generator);
            list.Add(p);
        }
        return list;
    }
}
