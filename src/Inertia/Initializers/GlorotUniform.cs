using Inertia.Data;
using Inertia.Tensors;

namespace Inertia.Initializers;

/// <summary>Glorot (Xavier) uniform: U(−l, l) with l = sqrt(6 / (fan_in + fan_out)). Keras's default kernel initializer.</summary>
public sealed class GlorotUniform : Initializer
{
    /// <inheritdoc />
    public override string Name => "glorot_uniform";

    /// <inheritdoc />
    public override void Fill(Tensor tensor, SeededRandom random)
    {
        var (fanIn, fanOut) = Fans(tensor.Shape);
        double limit = Math.Sqrt(6.0 / Math.Max(1.0, fanIn + fanOut));
        var span = tensor.Span;
        for (int i = 0; i < span.Length; i++) span[i] = (float)random.NextDouble(-limit, limit);
    }
}
