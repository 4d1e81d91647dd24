using Inertia.Data;
using Inertia.Layers;
using Inertia.Optimizers;
using Inertia.Tensors;
using Inertia.Tests.Conformance;
using Inertia.Training;
using static Inertia.Tests.Training.TrainingFixtures;

namespace Inertia.Tests.Training;

/// <summary>The headline: a 784-300-100-10 MLP on the MNIST test set in ../shared/data/mnist.</summary>
[Collection(ProcessWideThreadsCollection.Name)]
public class MnistTrainingTests
{
    private static readonly Lazy<(Tensor Images, Tensor Labels)> Mnist = new(() =>
    {
        string dir = Path.GetFullPath(Path.Combine(SharedConformance.Directory, "..", "data", "mnist"));
        return (IdxReader.ReadImages(Path.Combine(dir, "t10k-images-idx3-ubyte.gz")),
            IdxReader.ReadLabels(Path.Combine(dir, "t10k-labels-idx1-ubyte.gz")));
    });

    [Fact]
    public void A_784_300_100_10_mlp_reaches_94_percent_held_out_and_trains_bitwise_identically_twice_and_on_1_or_2_threads()
    {
        var (images, labels) = Mnist.Value;
        var (trainX, trainY) = (images.SliceRows(0, 8000), labels.SliceRows(0, 8000));
        var (testX, testY) = (images.SliceRows(8000, 2000), labels.SliceRows(8000, 2000));

        var (first, model) = Train(threads: 2, trainX, trainY);
        var accuracy = model.Evaluate(testX, testY, batchSize: 500)["accuracy"];
        Assert.True(accuracy >= 0.94, $"held-out accuracy {accuracy:P2}");
        AssertBitwiseEqual(first, Train(threads: 2, trainX, trainY).Weights);
        AssertBitwiseEqual(first, Train(threads: 1, trainX, trainY).Weights);
    }

    private static (float[] Weights, Sequential Model) Train(int threads, Tensor x, Tensor y)
    {
        int saved = Parallelism.MaxThreads;
        Parallelism.MaxThreads = threads;
        try
        {
            var model = new Sequential(new Shape(28, 28), name: "mnist_mlp");
            model.Add(new Flatten());
            model.Add(new Dense(300, "relu"));
            model.Add(new Dense(100, "relu"));
            model.Add(new Dense(10, "softmax"));
            model.Build(seed: 42);
            model.Compile(new Adam(), "sparse_categorical_crossentropy", "accuracy");
            model.Fit(x, y, epochs: 3, batchSize: 32, verbose: 0, seed: 42);
            return (Weights(model), model);
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }
}
