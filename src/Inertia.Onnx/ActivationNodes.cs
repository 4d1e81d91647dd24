using Inertia.Autograd.Ops;
using Inertia.Layers.Activations;
using static Inertia.Onnx.OnnxGraph;

namespace Inertia.Onnx;

/// <summary>
/// Each Inertia activation as ONNX opset 17 nodes. GELU, SiLU and Mish have no operator before
/// opsets 18–20, so they are written as the formulas Inertia computes, with operators every
/// runtime has.
/// </summary>
internal static class ActivationNodes
{
    public static string Write(OnnxGraph g, Activation activation, string x, string stem) => activation switch
    {
        Linear => x,
        Relu => g.Node("Relu", stem, [x]),
        LeakyRelu l => g.Node("LeakyRelu", stem, [x], Float("alpha", l.NegativeSlope)),
        Elu e => g.Node("Elu", stem, [x], Float("alpha", e.Alpha)),
        Selu => g.Node("Selu", stem, [x], Float("alpha", EluExtensions.SeluAlpha), Float("gamma", EluExtensions.SeluScale)),
        Sigmoid => g.Node("Sigmoid", stem, [x]),
        Tanh => g.Node("Tanh", stem, [x]),
        Softmax => g.Node("Softmax", stem, [x], Int("axis", -1)),
        Silu => g.Node("Mul", stem, [x, g.Node("Sigmoid", stem + "/sigmoid", [x])]),
        Mish => g.Node("Mul", stem, [x, g.Node("Tanh", stem + "/tanh", [g.Node("Softplus", stem + "/softplus", [x])])]),
        Gelu { Approximate: false } => ExactGelu(g, x, stem),
        Gelu { Approximate: true } => TanhGelu(g, x, stem),
        _ => throw new NotSupportedException($"ONNX export has no mapping for the activation '{activation.Name}' ({activation.GetType().Name})."),
    };

    // ½·x·(1 + erf(x/√2))
    private static string ExactGelu(OnnxGraph g, string x, string stem)
    {
        string scaled = g.Node("Mul", stem + "/scaled", [x, g.Scalar(stem + "/inv_sqrt2", (float)(1 / Math.Sqrt(2)))]);
        string cdf = Half(g, g.Node("Erf", stem + "/erf", [scaled]), stem);
        return g.Node("Mul", stem, [x, cdf]);
    }

    // ½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
    private static string TanhGelu(OnnxGraph g, string x, string stem)
    {
        string cube = g.Node("Mul", stem + "/cube", [x, g.Node("Mul", stem + "/square", [x, x])]);
        string inner = g.Node("Add", stem + "/inner", [x, g.Node("Mul", stem + "/cubic", [cube, g.Scalar(stem + "/c", 0.044715f)])]);
        string arg = g.Node("Mul", stem + "/arg", [inner, g.Scalar(stem + "/sqrt_2_over_pi", (float)Math.Sqrt(2 / Math.PI))]);
        string cdf = Half(g, g.Node("Tanh", stem + "/tanh", [arg]), stem);
        return g.Node("Mul", stem, [x, cdf]);
    }

    // ½·(1 + t)
    private static string Half(OnnxGraph g, string t, string stem) =>
        g.Node("Mul", stem + "/cdf", [g.Node("Add", stem + "/one_plus", [t, g.Scalar(stem + "/one", 1f)]), g.Scalar(stem + "/half", 0.5f)]);
}
