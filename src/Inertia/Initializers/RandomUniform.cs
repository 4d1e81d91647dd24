using Inertia.Data;
using Inertia.Tensors;

namespace Inertia.Initializers;

/// <summary>Keras <c>RandomUniform</c>: uniform samples in [minval, maxval).</summary>
public sealed class RandomUniform : Initializer
{
    /// <summary>Creates the initializer (Keras defaults: −0.05, 0.05).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not finite, or maxval is below minval.</exception>
    public RandomUniform(double minval = -0.05, double maxval = 0.05)
    {
        Minval = Finite(minval, nameof(minval));
        Maxval = Finite(maxval, nameof(maxval));
        if (maxval < minval)
            throw new ArgumentOutOfRangeException(nameof(maxval), maxval, $"maxval must be at least minval ({minval}).");
    }

    /// <summary>The lower bound.</summary>
    public double Minval { get; }

    /// <summary>The upper bound (exclusive).</summary>
    public double Maxval { get; }

    /// <inheritdoc />
    public override string Name => "random_uniform";

    /// <inheritdoc />
    public override void Fill(Tensor tensor, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(random);
        var span = tensor.Span;
        for (int i = 0; i < span.Length; i++) span[i] = (float)random.NextDouble(Minval, Maxval);
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>
    {
        ["minval"] = Minval,
        ["maxval"] = Maxval,
    };
}
