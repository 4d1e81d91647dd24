using Inertia.Autograd;
using Inertia.Autograd.Ops;
using Inertia.Layers;
using Inertia.Losses;
using Inertia.Tensors;
using Inertia.Tests.Autograd;

namespace Inertia.Tests.Autograd;

[Collection(ProcessWideThreadsCollection.Name)]
public class AllocationTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Forward_and_backward_of_dense_relu_dense_softmax_cross_entropy_allocate_nothing_after_warm_up(bool fromLogits)
    {
        var layers = new Layer[]
        {
            new Dense(16, "relu", name: "dense"),
            new BatchNormalization(name: "batch_normalization"),
            new Dropout(0.2f, name: "dropout"),
            new Dense(10, fromLogits ? null : "softmax", name: "dense_1"),
        };
        var shape = new Shape(12);
        foreach (var l in layers) shape = l.Build(shape);
        var arena = new ParameterArena(layers.SelectMany(l => l.Parameters));
        foreach (var l in layers) l.InitializeWeights(1);
        var x = GradientCheck.Random(new Shape(32, 12), 2);
        var y = new Tensor(new Shape(32));
        for (int i = 0; i < 32; i++) y[i] = i % 10;
        Loss loss = new SparseCategoricalCrossentropy(fromLogits);
        var tape = new Tape();

        void Step()
        {
            arena.ZeroGradients();
            tape.Reset();
            var h = tape.Constant(x);
            foreach (var l in layers) h = l.Call(tape, h, training: true);
            tape.Backward(loss.Call(tape, h, y));
        }

        for (int i = 0; i < 3; i++) Step();
        Assert.Equal(0, ThreadAllocations.During(() =>
        {
            for (int i = 0; i < 5; i++) Step();
        }));
        Assert.Contains(arena.Gradients.Span.ToArray(), g => g != 0f);
    }
}
