namespace Inertia.Initializers;

/// <summary>LeCun normal: truncated normal with standard deviation √(1 / fan_in); with SELU it self-normalizes.</summary>
public sealed class LecunNormal : VarianceScaling
{
    /// <summary>Creates the initializer.</summary>
    public LecunNormal() : base(1.0, "fan_in", "truncated_normal") { }

    /// <inheritdoc />
    public override string Name => "lecun_normal";

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>();
}
