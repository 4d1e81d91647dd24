namespace Inertia.Initializers;

/// <summary>Glorot (Xavier) uniform: U(−l, l) with l = √(6 / (fan_in + fan_out)). Keras's default kernel initializer.</summary>
public sealed class GlorotUniform : VarianceScaling
{
    /// <summary>Creates the initializer.</summary>
    public GlorotUniform() : base(1.0, "fan_avg", "uniform") { }

    /// <inheritdoc />
    public override string Name => "glorot_uniform";

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>();
}
