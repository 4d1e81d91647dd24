using System.Numerics;
using System.Runtime.CompilerServices;

namespace Inertia.Optimizers;

/// <summary>
/// The per-chunk gradient and weight preprocessing every fused kernel applies inline, so that
/// clipping, <c>maximize</c>, L2 and decoupled decay cost no extra pass over memory:
/// <c>g' = clamp(s·g, −c, c) + λ₂·w</c> and <c>w' = w − w·d</c>. Neutral values (s = 1, c = ∞,
/// λ₂ = 0, d = 0) leave g and w bit-for-bit unchanged.
/// </summary>
public readonly struct GradientTransform : IGradientTransform
{
    private readonly Vector<float> _scale;
    private readonly Vector<float> _clip;
    private readonly Vector<float> _negativeClip;
    private readonly Vector<float> _l2;
    private readonly Vector<float> _decay;
    private readonly bool _decayOnly;
    private readonly float _decayRate;

    internal GradientTransform(float scale, float clipValue, float l2, float decay)
    {
        _scale = new Vector<float>(scale);
        _clip = new Vector<float>(clipValue);
        _negativeClip = new Vector<float>(-clipValue);
        _l2 = new Vector<float>(l2);
        _decay = new Vector<float>(decay);
        _decayOnly = scale == 1f && float.IsPositiveInfinity(clipValue) && l2 == 0f;
        IsIdentity = _decayOnly && decay == 0f;
        _decayRate = decay;
    }

    /// <summary>
    /// Whether the transform changes nothing (s = 1, c = ∞, λ₂ = 0, d = 0): the kernels then run
    /// their <see cref="IdentityTransform"/> specialization, which reads g and w untouched.
    /// </summary>
    public bool IsIdentity { get; }

    /// <summary>
    /// Whether decoupled decay is all the transform does (s = 1, c = ∞, λ₂ = 0): the kernels then
    /// run <see cref="DecayOnly"/>, which keeps one vector in a register.
    /// </summary>
    internal bool IsDecayOnly => _decayOnly;

    /// <summary>This transform as a <see cref="DecayTransform"/>; equal to it only when <see cref="IsDecayOnly"/>.</summary>
    internal DecayTransform DecayOnly => new(_decayRate);

    /// <summary>
    /// The gradient the update uses: scaled by the clip-norm factor (negated under <c>maximize</c>),
    /// clamped to the clip value, plus the PyTorch L2 term λ·w (w before decay).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> Gradient(Vector<float> gradient, Vector<float> weight) =>
        Vector.Min(Vector.Max(gradient * _scale, _negativeClip), _clip) + weight * _l2;

    /// <summary>The weight after decoupled weight decay, <c>w − w·λ·η</c> (Keras order: before the update).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> DecayWeight(Vector<float> weight) => weight - weight * _decay;
}
