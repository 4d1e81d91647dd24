using Inertia.Tensors;
using Inertia.Training;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Tensor = Inertia.Tensors.Tensor;

namespace Inertia.Onnx.Tests;

/// <summary>Runs an exported model in ONNX Runtime and compares it with <see cref="Sequential.Predict"/>.</summary>
internal static class OnnxRuntimeCheck
{
    /// <summary>|ONNX − Predict| ≤ 1e-5 relative to the largest output magnitude, element by element.</summary>
    public const double Tolerance = 1e-5;

    public static float[] Run(byte[] onnx, Tensor x)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(onnx, options);
        var input = new DenseTensor<float>(x.ToArray(), x.Shape.ToArray());
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("input", input)]);
        var output = Assert.Single(results);
        Assert.Equal("output", output.Name);
        return output.AsTensor<float>().ToArray();
    }

    public static byte[] Export(Sequential model)
    {
        using var stream = new MemoryStream();
        model.SaveOnnx(stream);
        return stream.ToArray();
    }

    public static void AssertMatchesPredict(Sequential model, Tensor x)
    {
        var expected = model.Predict(x).ToArray();
        var actual = Run(Export(model), x);
        Assert.Equal(expected.Length, actual.Length);
        double scale = expected.Max(v => Math.Abs((double)v));
        Assert.True(scale > 0, "the model's outputs are all zero: the comparison would prove nothing");
        for (int i = 0; i < expected.Length; i++)
        {
            double delta = Math.Abs((double)actual[i] - expected[i]);
            Assert.True(delta <= Tolerance * scale,
                $"element {i}: ONNX Runtime {actual[i]:R}, Predict {expected[i]:R}, |Δ| {delta:G3} > {Tolerance:G1}·{scale:G4}");
        }
    }
}
