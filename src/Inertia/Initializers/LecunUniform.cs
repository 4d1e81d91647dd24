namespace Inertia.Initializers;

/// <summary>LeCun uniform: U(−l, l) with l = √(3 / fan_in).</summary>
public sealed class LecunUniform : VarianceScaling
{
    /// <summary>Creates the initializer.</summary>
    public LecunUniform() : base(1.0, "fan_in", "uniform") { }

    /// <inheritdoc />
    public override string Name => "lecun_uniform";

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>();
}
