using Inertia.Data;
using Inertia.Tensors;

namespace Inertia.Initializers;

/// <summary>
/// Keras <c>VarianceScaling</c>: samples with variance scale / n, where n is fan_in, fan_out or
/// their average. <c>truncated_normal</c>: a normal cut at ±2σ with σ = √(scale/n)/0.87962566103423978
/// (the cut shrinks the standard deviation by that factor, so the result has √(scale/n));
/// <c>untruncated_normal</c>: σ = √(scale/n); <c>uniform</c>: U(−√(3·scale/n), √(3·scale/n)).
/// </summary>
public class VarianceScaling : Initializer
{
    /// <summary>Standard deviation of a unit normal truncated to [−2, 2].</summary>
    public const double TruncatedStddevFactor = 0.87962566103423978;

    /// <summary>Creates the initializer (Keras defaults: scale 1, fan_in, truncated_normal).</summary>
    /// <exception cref="ArgumentOutOfRangeException">scale is not positive and finite, or mode / distribution is unknown.</exception>
    public VarianceScaling(double scale = 1.0, string mode = "fan_in", string distribution = "truncated_normal")
    {
        if (!(scale > 0) || double.IsInfinity(scale))
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "scale must be a positive finite number.");
        if (mode is not ("fan_in" or "fan_out" or "fan_avg"))
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "mode must be fan_in, fan_out or fan_avg.");
        if (distribution is not ("truncated_normal" or "untruncated_normal" or "uniform"))
            throw new ArgumentOutOfRangeException(nameof(distribution), distribution,
                "distribution must be truncated_normal, untruncated_normal or uniform.");
        Scale = scale;
        Mode = mode;
        Distribution = distribution;
    }

    /// <summary>The variance scale.</summary>
    public double Scale { get; }

    /// <summary><c>fan_in</c>, <c>fan_out</c> or <c>fan_avg</c>.</summary>
    public string Mode { get; }

    /// <summary><c>truncated_normal</c>, <c>untruncated_normal</c> or <c>uniform</c>.</summary>
    public string Distribution { get; }

    /// <inheritdoc />
    public override string Name => "variance_scaling";

    /// <summary>The standard deviation the samples have for a weight of this shape.</summary>
    public double TargetStddev(Shape shape)
    {
        var (fanIn, fanOut) = Fans(shape);
        double n = Mode switch
        {
            "fan_in" => fanIn,
            "fan_out" => fanOut,
            _ => (fanIn + fanOut) / 2,
        };
        return Math.Sqrt(Scale / Math.Max(1.0, n));
    }

    /// <inheritdoc />
    public override void Fill(Tensor tensor, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(random);
        double target = TargetStddev(tensor.Shape);
        var span = tensor.Span;
        switch (Distribution)
        {
            case "uniform":
                double limit = Math.Sqrt(3.0) * target;
                for (int i = 0; i < span.Length; i++) span[i] = (float)random.NextDouble(-limit, limit);
                break;
            case "untruncated_normal":
                for (int i = 0; i < span.Length; i++) span[i] = (float)(target * random.NextGaussian());
                break;
            default:
                TruncatedNormal.FillTruncated(span, 0, target / TruncatedStddevFactor, random);
                break;
        }
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>
    {
        ["scale"] = Scale,
        ["mode"] = Mode,
        ["distribution"] = Distribution,
    };
}
