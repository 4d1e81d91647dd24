using Inertia.Tensors;

namespace Inertia.Autograd.Ops;

/// <summary>
/// Reshape and flatten on the tape. They record no op: the result views the input's value and
/// gradient buffers, so gradients land in the input without a copy.
/// </summary>
public static class ReshapeExtensions
{
    /// <summary>The same elements viewed with <paramref name="shape"/>.</summary>
    /// <exception cref="ArgumentException">The element counts differ; the message names both shapes.</exception>
    public static Variable Reshape(this Tape tape, Variable x, Shape shape)
    {
        ArgumentNullException.ThrowIfNull(tape);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Size != x.Shape.Size)
            throw new ArgumentException($"Cannot reshape {x.Shape} ({x.Shape.Size} elements) to {shape} ({shape.Size} elements).", nameof(shape));
        return tape.View(x, shape);
    }
}
