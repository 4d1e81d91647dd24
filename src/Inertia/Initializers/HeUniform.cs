namespace Inertia.Initializers;

/// <summary>He uniform: U(−l, l) with l = √(6 / fan_in); for ReLU networks.</summary>
public sealed class HeUniform : VarianceScaling
{
    /// <summary>Creates the initializer.</summary>
    public HeUniform() : base(2.0, "fan_in", "uniform") { }

    /// <inheritdoc />
    public override string Name => "he_uniform";

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>();
}
