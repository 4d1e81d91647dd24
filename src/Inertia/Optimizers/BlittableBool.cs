namespace Inertia.Optimizers;

/// <summary>
/// A flag in a rule's coefficients. <see cref="bool"/> is not blittable, and a device copies
/// coefficients to its memory byte for byte, so a coefficient struct stores its flags as this
/// 4-byte value, which converts to and from <see cref="bool"/> implicitly.
/// </summary>
public readonly struct BlittableBool
{
    private readonly int _value;

    private BlittableBool(bool value) => _value = value ? 1 : 0;

    /// <summary>The flag as a <see cref="BlittableBool"/>.</summary>
    public static implicit operator BlittableBool(bool value) => new(value);

    /// <summary>The flag as a <see cref="bool"/>.</summary>
    public static implicit operator bool(BlittableBool value) => value._value != 0;

    /// <inheritdoc />
    public override string ToString() => ((bool)this).ToString();
}
