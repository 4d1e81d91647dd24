using Inertia.Autograd;
using Inertia.Tensors;

namespace Inertia.Losses;

/// <summary>
/// A training objective (Keras <c>keras.losses</c>), reduced as Keras's default
/// <c>sum_over_batch_size</c>: the mean over the samples of the batch.
/// </summary>
public abstract class Loss
{
    /// <summary>Keras name, e.g. <c>sparse_categorical_crossentropy</c>.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// The scalar loss of a batch, recorded on the tape so that <see cref="Tape.Backward"/> from
    /// it reaches the prediction. Throws <see cref="ArgumentException"/> naming both shapes when the
    /// target does not fit the prediction, and naming the sample when a class label is out of range.
    /// </summary>
    public abstract Variable Call(Tape tape, Variable prediction, Tensor target);
}
