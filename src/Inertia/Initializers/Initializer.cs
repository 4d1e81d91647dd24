using Inertia.Data;
using Inertia.Tensors;

namespace Inertia.Initializers;

/// <summary>
/// Fills a new weight tensor (Keras <c>keras.initializers</c>). Fans follow Keras: for a shape
/// (…, in, out) fan_in = in·receptive field, fan_out = out·receptive field; for a vector both are its length.
/// </summary>
public abstract class Initializer
{
    /// <summary>Keras name, e.g. <c>glorot_uniform</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Fills <paramref name="tensor"/> with values drawn from <paramref name="random"/>.</summary>
    public abstract void Fill(Tensor tensor, SeededRandom random);

    /// <summary>(fan_in, fan_out) of a weight shape, as Keras computes them.</summary>
    public static (double FanIn, double FanOut) Fans(Shape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return shape.Rank switch
        {
            0 => (1, 1),
            1 => (shape[0], shape[0]),
            2 => (shape[0], shape[1]),
            _ => Receptive(shape),
        };
    }

    private static (double, double) Receptive(Shape shape)
    {
        double receptive = 1;
        for (int i = 0; i < shape.Rank - 2; i++) receptive *= shape[i];
        return (shape[-2] * receptive, shape[-1] * receptive);
    }
}
