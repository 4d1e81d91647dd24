using System.Numerics.Tensors;
using Inertia.Layers;
using static Inertia.Onnx.OnnxGraph;

namespace Inertia.Onnx;

/// <summary>Each Inertia layer in inference form as ONNX nodes, reading the layer's current weights.</summary>
internal static class LayerNodes
{
    public static string Write(OnnxGraph g, Layer layer, string x)
    {
        string stem = layer.Name;
        return layer switch
        {
            Dense d => Dense(g, d, x),
            Flatten => g.Node("Flatten", stem, [x], Int("axis", 1)),
            BatchNormalization b => BatchNormalization(g, b, x),
            // Inference: dropout of either kind passes its input through.
            DropoutBase => g.Node("Identity", stem, [x]),
            ActivationLayer a => ActivationNodes.Write(g, a.Activation, x, stem),
            ReLU => g.Node("Relu", stem, [x]),
            LeakyReLU l => g.Node("LeakyRelu", stem, [x], Float("alpha", l.NegativeSlope)),
            ELU e => g.Node("Elu", stem, [x], Float("alpha", e.Alpha)),
            SoftmaxLayer => g.Node("Softmax", stem, [x], Int("axis", -1)),
            // α has the sample's shape (1 on shared axes): it broadcasts over the batch axis as ONNX PRelu allows.
            PReLU p => g.Node("PRelu", stem, [x, Weight(g, p.Alpha)]),
            _ => throw new NotSupportedException($"ONNX export has no mapping for layer '{layer.Name}' of class {layer.ClassName}."),
        };
    }

    private static string Dense(OnnxGraph g, Dense d, string x)
    {
        string y = g.Node("MatMul", d.Name + "/matmul", [x, Weight(g, d.Kernel)]);
        if (d.Bias is { } bias) y = g.Node("Add", d.Name + "/bias_add", [y, Weight(g, bias)]);
        return ActivationNodes.Write(g, d.Activation, y, d.Name + "/" + d.Activation.Name);
    }

    /// <summary>
    /// y = x·s + (β − μ·s) with s = γ/√(σ² + ε): the moving statistics folded into two constants
    /// with the same float operations Inertia's inference pass uses, so both compute the same s and shift.
    /// </summary>
    private static string BatchNormalization(OnnxGraph g, BatchNormalization b, string x)
    {
        int c = b.MovingMean.Size;
        var scale = new float[c];
        var shift = new float[c];
        TensorPrimitives.Add(b.MovingVariance.Span, b.Epsilon, scale);
        TensorPrimitives.ReciprocalSqrt(scale, scale);
        if (b.Gamma is { } gamma) TensorPrimitives.Multiply(scale, gamma.Value.Span, scale);
        TensorPrimitives.Multiply(b.MovingMean.Span, scale, shift);
        if (b.Beta is { } beta) TensorPrimitives.Subtract(beta.Value.Span, shift, shift);
        else TensorPrimitives.Negate(shift, shift);
        string scaled = g.Node("Mul", b.Name + "/scale", [x, g.Initializer(b.Name + "/folded_scale", [c], scale)]);
        return g.Node("Add", b.Name, [scaled, g.Initializer(b.Name + "/folded_shift", [c], shift)]);
    }

    private static string Weight(OnnxGraph g, Tensors.Parameter p) => g.Initializer(p.Name, p.Shape.Dimensions, p.Value.Span);
}
