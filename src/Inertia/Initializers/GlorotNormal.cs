namespace Inertia.Initializers;

/// <summary>Glorot (Xavier) normal: truncated normal with standard deviation √(2 / (fan_in + fan_out)).</summary>
public sealed class GlorotNormal : VarianceScaling
{
    /// <summary>Creates the initializer.</summary>
    public GlorotNormal() : base(1.0, "fan_avg", "truncated_normal") { }

    /// <inheritdoc />
    public override string Name => "glorot_normal";

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>();
}
