using Inertia.Autograd;
using Inertia.Autograd.Ops;
using Inertia.Tensors;

namespace Inertia.Layers;

/// <summary>Keras <c>Flatten</c>: each sample becomes a vector (no copy: the output views the input).</summary>
/// <param name="name">Layer name; default <c>flatten</c>, <c>flatten_1</c>, …</param>
public sealed class Flatten(string? name = null) : Layer(name)
{
    private Shape? _batchShape;

    /// <inheritdoc />
    protected override Shape OnBuild(Shape inputShape) => new(inputShape.Size);

    /// <inheritdoc />
    public override Variable Call(Tape tape, Variable input, bool training)
    {
        ArgumentNullException.ThrowIfNull(tape);
        ArgumentNullException.ThrowIfNull(input);
        if (input.Shape.Rank < 1)
            throw new ArgumentException($"Flatten '{Name}' needs a batch axis, got {input.Shape}.", nameof(input));
        int rows = input.Shape[0];
        int features = rows == 0 ? 0 : input.Shape.Size / rows;
        // Kept while the batch shape repeats, so steady-state passes allocate nothing.
        if (_batchShape is null || _batchShape[0] != rows || _batchShape[1] != features) _batchShape = new Shape(rows, features);
        return tape.Reshape(input, _batchShape);
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetConfig() => BaseConfig();
}
