using Inertia.Data;
using Inertia.Tensors;

namespace Inertia.Initializers;

/// <summary>
/// Keras <c>TruncatedNormal</c>: normal samples of the given mean and standard deviation,
/// redrawn until they lie within two standard deviations of the mean.
/// </summary>
public sealed class TruncatedNormal : Initializer
{
    /// <summary>Creates the initializer (Keras defaults: mean 0, stddev 0.05).</summary>
    /// <exception cref="ArgumentOutOfRangeException">mean is not finite, or stddev is negative or not finite.</exception>
    public TruncatedNormal(double mean = 0, double stddev = 0.05)
    {
        Mean = Finite(mean, nameof(mean));
        if (!(stddev >= 0) || double.IsInfinity(stddev))
            throw new ArgumentOutOfRangeException(nameof(stddev), stddev, "stddev must be a finite number ≥ 0.");
        Stddev = stddev;
    }

    /// <summary>Mean of the underlying normal.</summary>
    public double Mean { get; }

    /// <summary>Standard deviation of the underlying normal (before truncation).</summary>
    public double Stddev { get; }

    /// <inheritdoc />
    public override string Name => "truncated_normal";

    /// <inheritdoc />
    public override void Fill(Tensor tensor, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(random);
        FillTruncated(tensor.Span, Mean, Stddev, random);
    }

    /// <summary>mean + stddev·z with z standard normal, redrawn while |z| &gt; 2.</summary>
    internal static void FillTruncated(Span<float> span, double mean, double stddev, SeededRandom random)
    {
        for (int i = 0; i < span.Length; i++)
        {
            double z;
            do z = random.NextGaussian(); while (Math.Abs(z) > 2);
            span[i] = (float)(mean + stddev * z);
        }
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>
    {
        ["mean"] = Mean,
        ["stddev"] = Stddev,
    };
}
