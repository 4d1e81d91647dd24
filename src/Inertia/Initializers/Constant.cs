using Inertia.Data;
using Inertia.Tensors;

namespace Inertia.Initializers;

/// <summary>Keras <c>Constant</c>: every element set to one value.</summary>
public sealed class Constant : Initializer
{
    /// <summary>Creates the initializer (Keras default 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite.</exception>
    public Constant(float value = 0f) => Value = (float)Finite(value, nameof(value));

    /// <summary>The fill value.</summary>
    public float Value { get; }

    /// <inheritdoc />
    public override string Name => "constant";

    /// <inheritdoc />
    public override void Fill(Tensor tensor, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        tensor.Span.Fill(Value);
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?> { ["value"] = (double)Value };
}
