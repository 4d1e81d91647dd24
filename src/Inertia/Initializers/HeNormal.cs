namespace Inertia.Initializers;

/// <summary>He normal: truncated normal with standard deviation √(2 / fan_in); for ReLU networks.</summary>
public sealed class HeNormal : VarianceScaling
{
    /// <summary>Creates the initializer.</summary>
    public HeNormal() : base(2.0, "fan_in", "truncated_normal") { }

    /// <inheritdoc />
    public override string Name => "he_normal";

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>();
}
