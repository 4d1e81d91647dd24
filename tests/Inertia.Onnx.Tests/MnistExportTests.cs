using Inertia.Data;
using Inertia.Layers;
using Inertia.Optimizers;
using Inertia.Tensors;
using Inertia.Tests.Data;
using Inertia.Training;

namespace Inertia.Onnx.Tests;

/// <summary>The book's 784-300-100-10 MLP, trained briefly on MNIST, deployed through ONNX.</summary>
public class MnistExportTests
{
    [Fact]
    public void A_784_300_100_10_mlp_trained_on_mnist_predicts_the_same_in_onnx_runtime()
    {
        var images = IdxReader.ReadImages(SharedData.MnistImages);
        var labels = IdxReader.ReadLabels(SharedData.MnistLabels);
        var model = new Sequential(new Shape(28, 28), name: "mnist_mlp");
        model.Add(new Flatten());
        model.Add(new Dense(300, "relu"));
        model.Add(new Dense(100, "relu"));
        model.Add(new Dense(10, "softmax"));
        model.Build(seed: 42);
        model.Compile(new Adam(), "sparse_categorical_crossentropy", "accuracy");
        model.Fit(images.SliceRows(0, 3000), labels.SliceRows(0, 3000), epochs: 1, batchSize: 32, verbose: 0, seed: 42);

        var held = images.SliceRows(8000, 500);
        OnnxRuntimeCheck.AssertMatchesPredict(model, held);
    }

    [Fact]
    public void The_file_written_to_disk_is_the_model()
    {
        var model = new Sequential([new Dense(3, "softmax")], new Shape(4));
        model.Build(seed: 1);
        string path = Path.Combine(Path.GetTempPath(), $"inertia-onnx-{Guid.NewGuid():N}.onnx");
        try
        {
            model.SaveOnnx(path);
            var x = new Tensor(new Shape(2, 4));
            x.Span.Fill(0.5f);
            x[1, 2] = -1f;
            Assert.Equal(model.Predict(x).ToArray(), OnnxRuntimeCheck.Run(File.ReadAllBytes(path), x), new ToleranceComparer(1e-6f));
            Assert.Empty(Directory.EnumerateFiles(Path.GetTempPath(), $".{Path.GetFileName(path)}.*"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(float obj) => 0;
    }
}
