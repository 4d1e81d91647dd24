using Inertia.Data;
using Inertia.Tensors;

namespace Inertia.Initializers;

/// <summary>All ones. Keras's default BatchNormalization gamma initializer.</summary>
public sealed class Ones : Initializer
{
    /// <inheritdoc />
    public override string Name => "ones";

    /// <inheritdoc />
    public override void Fill(Tensor tensor, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        tensor.Span.Fill(1f);
    }
}
