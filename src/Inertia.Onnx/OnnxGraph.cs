using Google.Protobuf;
using Onnx;

namespace Inertia.Onnx;

/// <summary>
/// The ONNX graph being written: float initializers and nodes chained from the model's input,
/// each value named after the layer that made it so that a viewer (Netron) reads like the summary.
/// </summary>
internal sealed class OnnxGraph
{
    private readonly GraphProto _graph = new();
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public OnnxGraph(string name) => _graph.Name = name;

    public GraphProto Proto => _graph;

    /// <summary>A value name not used yet: <paramref name="stem"/>, else <paramref name="stem"/>_1, _2, ….</summary>
    public string Fresh(string stem)
    {
        string name = stem;
        for (int i = 1; !_names.Add(name); i++) name = $"{stem}_{i}";
        return name;
    }

    /// <summary>Adds a float constant with these dimensions; returns its name.</summary>
    public string Initializer(string stem, ReadOnlySpan<int> dims, ReadOnlySpan<float> values)
    {
        var tensor = new TensorProto { Name = Fresh(stem), DataType = (int)TensorProto.Types.DataType.Float };
        foreach (int d in dims) tensor.Dims.Add(d);
        // raw_data is little-endian IEEE 754, which is how .NET lays floats out on every platform it runs on.
        tensor.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A scalar float constant.</summary>
    public string Scalar(string stem, float value) => Initializer(stem, [], [value]);

    /// <summary>Adds a node computing <paramref name="op"/> of <paramref name="inputs"/>; returns its output's name.</summary>
    public string Node(string op, string stem, string[] inputs, params AttributeProto[] attributes)
    {
        string output = Fresh(stem);
        var node = new NodeProto { OpType = op, Name = output };
        node.Input.Add(inputs);
        node.Output.Add(output);
        node.Attribute.Add(attributes);
        _graph.Node.Add(node);
        return output;
    }

    /// <summary>Copies <paramref name="from"/> to the already reserved name <paramref name="to"/> (the graph's output).</summary>
    public void Rename(string from, string to)
    {
        var node = new NodeProto { OpType = "Identity", Name = to };
        node.Input.Add(from);
        node.Output.Add(to);
        _graph.Node.Add(node);
    }

    public static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>Declares a float tensor of shape (batch, <paramref name="sample"/>…) as the graph's input or output.</summary>
    public static ValueInfoProto BatchOf(string name, ReadOnlySpan<int> sample)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        foreach (int d in sample) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
