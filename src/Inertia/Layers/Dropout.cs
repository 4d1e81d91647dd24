using Inertia.Autograd;
using Inertia.Autograd.Ops;

namespace Inertia.Layers;

/// <summary>
/// Keras <c>Dropout</c>: in training, zeroes each input element with probability
/// <see cref="DropoutBase.Rate"/> and scales the rest by 1/(1 − rate); in inference, the identity.
/// </summary>
/// <remarks>
/// The mask of a training call is a pure function of the layer's seed, its <see cref="DropoutBase.Step"/>
/// counter (one per training call) and the element index, so training is bitwise repeatable
/// and a resumed run reproduces the same masks once the step is restored.
/// </remarks>
public sealed class Dropout : DropoutBase
{
    /// <summary>Creates the layer.</summary>
    /// <param name="rate">Fraction of elements dropped, in [0, 1).</param>
    /// <param name="seed">Fixed mask seed; null derives it from the model seed and the layer name.</param>
    /// <param name="name">Layer name; default <c>dropout</c>, <c>dropout_1</c>, …</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is outside [0, 1).</exception>
    public Dropout(float rate, ulong? seed = null, string? name = null) : base(rate, seed, name) { }

    /// <inheritdoc />
    protected override Variable Drop(Tape tape, Variable input, ulong seed, long step) =>
        tape.Dropout(input, Rate, seed, step);
}
