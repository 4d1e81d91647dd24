namespace Inertia.Autograd;

/// <summary>
/// What the backward pass knows of a parameter's stored gradient since the tape was reset: the
/// ops that write a weight gradient for Dense models check it while it is hot and vouch for it;
/// any other write leaves it unknown, and the optimizer then reads it as it always did.
/// </summary>
internal enum GradientFiniteness
{
    /// <summary>No op wrote it in this pass (whatever was there before is not known).</summary>
    Untouched,

    /// <summary>An op that does not check wrote it.</summary>
    Unknown,

    /// <summary>The last op that wrote it checked every stored element afterwards: all finite.</summary>
    VouchedFinite,

    /// <summary>The last op that wrote it checked every stored element afterwards: some are NaN or ±∞.</summary>
    VouchedNonFinite,
}
