using Inertia.Autograd;
using Inertia.Autograd.Ops;

namespace Inertia.Layers;

/// <summary>
/// Keras <c>AlphaDropout</c> for SELU networks: in training, sets each input element with probability
/// <see cref="DropoutBase.Rate"/> to SELU's saturation value and applies Keras's affine correction so that
/// mean and variance are kept; in inference, the identity.
/// </summary>
/// <remarks>
/// The mask of a training call is a pure function of the layer's seed, its <see cref="DropoutBase.Step"/>
/// counter (one per training call) and the element index, so training is bitwise repeatable
/// and a resumed run reproduces the same masks once the step is restored.
/// </remarks>
public sealed class AlphaDropout : DropoutBase
{
    /// <summary>Creates the layer.</summary>
    /// <param name="rate">Fraction of elements dropped, in [0, 1).</param>
    /// <param name="seed">Fixed mask seed; null derives it from the model seed and the layer name.</param>
    /// <param name="name">Layer name; default <c>alpha_dropout</c>, <c>alpha_dropout_1</c>, …</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is outside [0, 1).</exception>
    public AlphaDropout(float rate, ulong? seed = null, string? name = null) : base(rate, seed, name) { }

    /// <inheritdoc />
    protected override Variable Drop(Tape tape, Variable input, ulong seed, long step) =>
        tape.AlphaDropout(input, Rate, seed, step);
}
