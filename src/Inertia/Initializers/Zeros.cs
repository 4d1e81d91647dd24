using Inertia.Data;
using Inertia.Tensors;

namespace Inertia.Initializers;

/// <summary>All zeros. Keras's default bias initializer.</summary>
public sealed class Zeros : Initializer
{
    /// <inheritdoc />
    public override string Name => "zeros";

    /// <inheritdoc />
    public override void Fill(Tensor tensor, SeededRandom random) => tensor.Span.Clear();
}
