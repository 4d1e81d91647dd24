using Inertia.Data;
using Inertia.Layers;
using Inertia.Losses;
using Inertia.Optimizers;
using Inertia.Tensors;
using Inertia.Training;
using Tensor = Inertia.Tensors.Tensor;
using TorchTensor = TorchSharp.torch.Tensor;
using TorchSharp;
using static TorchSharp.torch;

namespace Inertia.Benchmarks.Peer;

/// <summary>
/// One epoch of 60,000 MNIST-shaped samples (synthetic pixels in [0, 1), labels 0-9) through the
/// 784-300-100-10 ReLU MLP with Adam (lr 0.001, β 0.9 / 0.999, ε 1e-7) and softmax cross-entropy
/// on logits, at batch 32 and 256: Inertia's <see cref="Sequential.Fit"/> against a plain
/// TorchSharp loop (narrow, forward, cross_entropy, backward, step) over the same data in the
/// same order (no shuffling on either side), from the same initial weights (Inertia's, copied).
/// Each side warms up on 200 batches, then the median of three epochs is taken; the one-thread rows rerun TorchSharp
/// with <c>torch.set_num_threads(1)</c> from fresh, identical weights.
/// </summary>
internal static class MlpPeerWorkloads
{
    private const int Samples = 60_000, Inputs = 784;
    private static readonly int[] Widths = [300, 100, 10];

    public static IEnumerable<PeerWorkload> Create()
    {
        var random = new SeededRandom(2024);
        var x = new Tensor(Samples, Inputs);
        var y = new Tensor(Samples, 1);
        var labels = new long[Samples];
        foreach (ref float v in x.Span) v = (float)random.NextDouble();
        for (int i = 0; i < Samples; i++)
        {
            labels[i] = (long)(random.NextDouble() * 10);
            y.Span[i] = labels[i];
        }
        var tx = tensor(x.Span.ToArray(), [Samples, Inputs]);
        var ty = tensor(labels, [Samples]);

        foreach (var (batch, torchThreads) in new[] { (32, 0), (256, 0), (32, 1), (256, 1) })
        {
            var model = new Sequential(new Shape(Inputs));
            foreach (int w in Widths) model.Add(new Dense(w, w == 10 ? null : "relu"));
            model.Build(seed: 7);
            model.Compile(new Adam(), new SparseCategoricalCrossentropy(fromLogits: true));
            var net = TorchCopy(model);
            var adam = optim.Adam(net.parameters(), 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-7);
            long parameters = model.TrainableParameterCount;
            var warmX = x.SliceRows(0, 200 * batch);
            var warmY = y.SliceRows(0, 200 * batch);
            int defaultThreads = torch.get_num_threads();
            string threads = torchThreads == 0 ? "" : $" (TorchSharp on {torchThreads} thread)";
            // Under OpenMP's fork-join, LibTorch's small ops degrade badly when the cores are shared;
            // the one-thread rows show what it does without that.
            Action torchSide = torchThreads == 0
                ? () => TorchEpoch(net, adam, tx, ty, batch, Samples)
                : () =>
                {
                    torch.set_num_threads(torchThreads);
                    TorchEpoch(net, adam, tx, ty, batch, Samples);
                    torch.set_num_threads(defaultThreads);
                };
            yield return new PeerWorkload("MLP training", $"784-300-100-10 ReLU, Adam, 1 epoch of 60,000, batch {batch}{threads}",
                () => model.Fit(x, y, epochs: 1, batchSize: batch, shuffle: false, verbose: 0), torchSide, Samples, "samples/s")
            {
                Repetitions = 3,
                Warmups = (() => model.Fit(warmX, warmY, epochs: 1, batchSize: batch, shuffle: false, verbose: 0),
                    () => TorchEpoch(net, adam, tx, ty, batch, 200 * batch)),
                StateBytes = (model.Optimizer.StateBytesPerParameter * parameters, 8 * parameters),
                Cleanup = () => { net.Dispose(); adam.Dispose(); },
            };
        }
    }

    private static nn.Module<TorchTensor, TorchTensor> TorchCopy(Sequential model)
    {
        var layers = new List<(string, nn.Module<TorchTensor, TorchTensor>)>();
        int index = 0;
        foreach (var dense in model.Layers.OfType<Dense>())
        {
            var kernel = dense.Kernel;
            int inputs = kernel.Shape[0], outputs = kernel.Shape[1];
            var linear = nn.Linear(inputs, outputs);
            using (no_grad())
            {
                // Inertia keeps (in, out); torch.nn.Linear keeps (out, in).
                linear.weight!.copy_(tensor(kernel.Value.Span.ToArray(), [inputs, outputs]).t());
                linear.bias!.copy_(tensor(dense.Bias!.Value.Span.ToArray(), [outputs]));
            }
            layers.Add(($"dense{index}", linear));
            if (outputs != 10) layers.Add(($"relu{index}", nn.ReLU()));
            index++;
        }
        return nn.Sequential(layers);
    }

    private static void TorchEpoch(nn.Module<TorchTensor, TorchTensor> net, optim.Optimizer adam, TorchTensor x, TorchTensor y, int batch, int samples)
    {
        for (int start = 0; start < samples; start += batch)
        {
            using var scope = NewDisposeScope();
            long rows = Math.Min(batch, samples - start);
            adam.zero_grad();
            var loss = nn.functional.cross_entropy(net.forward(x.narrow(0, start, rows)), y.narrow(0, start, rows));
            loss.backward();
            adam.step();
        }
    }
}
