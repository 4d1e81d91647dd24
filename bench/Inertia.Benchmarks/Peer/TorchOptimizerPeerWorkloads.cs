using TorchSharp;
using static TorchSharp.torch;

namespace Inertia.Benchmarks.Peer;

/// <summary>
/// One optimizer step of each TorchSharp optimizer (PyTorch defaults; Adam's beta2 passed as
/// 0.999 because TorchSharp defaults it to 0.99) on 10M parameters as 1 and as 100 tensors,
/// and on 1M parameters as 10 tensors. The Inertia side joins once its optimizers are on main.
/// </summary>
internal static class TorchOptimizerPeerWorkloads
{
    private static readonly (string Name, Func<IList<TorchSharp.Modules.Parameter>, optim.Optimizer> Create)[] Optimizers =
    [
        ("SGD momentum 0.9", ps => optim.SGD(ps, 0.01, momentum: 0.9)),
        ("Adam", ps => optim.Adam(ps, 0.001, beta1: 0.9, beta2: 0.999)),
        ("RMSprop", ps => optim.RMSProp(ps, 0.001)),
        ("Adagrad", ps => optim.Adagrad(ps, 0.01)),
        ("Adamax", ps => optim.Adamax(ps, 0.002)),
        ("NAdam", ps => optim.NAdam(ps, 0.002)),
    ];

    public static IEnumerable<PeerWorkload> Create()
    {
        foreach (var (total, tensors) in new[] { (10_000_000, 1), (10_000_000, 100), (1_000_000, 10) })
            foreach (var (name, create) in Optimizers)
            {
                var parameters = Parameters(total, tensors);
                var optimizer = create(parameters);
                yield return new PeerWorkload("optimizer step", $"{name}, {total / 1_000_000}M params in {tensors} tensor{(tensors == 1 ? "" : "s")}",
                    null, () => optimizer.step(), total / 1e6, "Mparam/s");
            }
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
