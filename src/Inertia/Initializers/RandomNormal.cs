using Inertia.Data;
using Inertia.Tensors;

namespace Inertia.Initializers;

/// <summary>Keras <c>RandomNormal</c>: normal samples of the given mean and standard deviation.</summary>
public sealed class RandomNormal : Initializer
{
    /// <summary>Creates the initializer (Keras defaults: mean 0, stddev 0.05).</summary>
    /// <exception cref="ArgumentOutOfRangeException">mean is not finite, or stddev is negative or not finite.</exception>
    public RandomNormal(double mean = 0, double stddev = 0.05)
    {
        Mean = Finite(mean, nameof(mean));
        if (!(stddev >= 0) || double.IsInfinity(stddev))
            throw new ArgumentOutOfRangeException(nameof(stddev), stddev, "stddev must be a finite number ≥ 0.");
        Stddev = stddev;
    }

    /// <summary>The mean.</summary>
    public double Mean { get; }

    /// <summary>The standard deviation.</summary>
    public double Stddev { get; }

    /// <inheritdoc />
    public override string Name => "random_normal";

    /// <inheritdoc />
    public override void Fill(Tensor tensor, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(random);
        var span = tensor.Span;
        for (int i = 0; i < span.Length; i++) span[i] = (float)(Mean + Stddev * random.NextGaussian());
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>
    {
        ["mean"] = Mean,
        ["stddev"] = Stddev,
    };
}
