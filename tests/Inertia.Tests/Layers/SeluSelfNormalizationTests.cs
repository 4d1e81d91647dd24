using Inertia.Autograd;
using Inertia.Data;
using Inertia.Initializers;
using Inertia.Layers;
using Inertia.Tensors;

namespace Inertia.Tests.Layers;

public class SeluSelfNormalizationTests
{
    [Fact]
    public void Selu_with_lecun_normal_keeps_activations_standardized_through_20_layers()
    {
        const int width = 256, batch = 512;
        var layers = Enumerable.Range(0, 20).Select(i => new Dense(width, "selu", new LecunNormal(), name: $"dense_{i}")).ToList();
        foreach (var l in layers) l.Build(new Shape(width));
        _ = new ParameterArena(layers.SelectMany(l => l.Parameters));
        foreach (var l in layers) l.InitializeWeights(2024);

        var x = new Tensor(new Shape(batch, width));
        var rng = new SeededRandom(1);
        for (int i = 0; i < x.Size; i++) x[i] = (float)rng.NextGaussian();
        var tape = new Tape(recordGradients: false);
        var h = tape.Constant(x);
        foreach (var l in layers)
        {
            h = l.Call(tape, h, training: false);
            var v = h.Value.ToArray();
            double mean = v.Average(a => (double)a);
            double std = Math.Sqrt(v.Average(a => (a - mean) * (a - mean)));
            Assert.InRange(mean, -0.1, 0.1);
            Assert.InRange(std, 0.9, 1.1);
        }
    }
}
