using Google.Protobuf;
using Inertia.Training;
using Inertia.Training.Serialization;
using Onnx;

namespace Inertia.Onnx;

/// <summary>
/// Writes a built <see cref="Sequential"/> model as an ONNX file for ONNX Runtime, ML.NET or any
/// other ONNX consumer: <c>model.SaveOnnx("model.onnx")</c>.
/// </summary>
/// <remarks>
/// The graph is the model in inference form: one float32 input named <c>input</c> of shape
/// (batch, input shape…), one output named <c>output</c> of shape (batch, output shape…), the
/// batch axis symbolic. Batch normalization uses its moving statistics; dropout is the identity.
/// </remarks>
public static class OnnxExport
{
    /// <summary>The ONNX operator set the files use (default domain).</summary>
    public const int Opset = 17;

    /// <summary>The ONNX IR version the files declare (the one that goes with opset 17).</summary>
    public const int IrVersion = 8;

    /// <summary>
    /// Saves the model as ONNX, atomically: the bytes go to a temporary file beside
    /// <paramref name="path"/>, which replaces the target only once complete.
    /// </summary>
    /// <param name="model">A built model.</param>
    /// <param name="path">The .onnx file to write; an existing regular file is replaced.</param>
    /// <exception cref="InvalidOperationException">The model is not built.</exception>
    /// <exception cref="NotSupportedException">A layer or activation has no ONNX mapping (the message names it).</exception>
    /// <exception cref="IOException"><paramref name="path"/> exists and is not a regular file (a directory, device, pipe or link).</exception>
    public static void SaveOnnx(this Sequential model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var proto = ToProto(model);
        OutputFile.EnsureReplaceable(path);
        AtomicFile.Write(path, stream => proto.WriteTo(stream));
    }

    /// <summary>Writes the model as ONNX to a stream.</summary>
    /// <exception cref="InvalidOperationException">The model is not built.</exception>
    /// <exception cref="NotSupportedException">A layer or activation has no ONNX mapping.</exception>
    public static void SaveOnnx(this Sequential model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stream);
        ToProto(model).WriteTo(stream);
    }

    internal static ModelProto ToProto(Sequential model)
    {
        if (!model.IsBuilt || model.InputShape is null)
            throw new InvalidOperationException($"Model '{model.Name}' is not built; build or train it before exporting.");
        model.SynchronizeBackend();
        var g = new OnnxGraph(model.Name);
        string x = g.Fresh("input");
        g.Fresh("output");
        foreach (var layer in model.Layers) x = LayerNodes.Write(g, layer, x);
        g.Rename(x, "output");
        g.Proto.Input.Add(OnnxGraph.BatchOf("input", model.InputShape.Dimensions));
        g.Proto.Output.Add(OnnxGraph.BatchOf("output", model.OutputShape.Dimensions));
        var proto = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "Inertia",
            ProducerVersion = typeof(Sequential).Assembly.GetName().Version?.ToString(3) ?? "",
            Graph = g.Proto,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        return proto;
    }
}
