using Inertia.Autograd;
using Inertia.Autograd.Ops;
using Inertia.Tensors;

namespace Inertia.Layers;

/// <summary>Keras <c>ReLU</c> layer: max(x, 0).</summary>
/// <param name="name">Layer name; default <c>re_lu</c>, …</param>
public sealed class ReLU(string? name = null) : Layer(name)
{
    /// <inheritdoc />
    protected override Shape OnBuild(Shape inputShape) => inputShape;

    /// <inheritdoc />
    public override Variable Call(Tape tape, Variable input, bool training) => tape.Relu(input);

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetConfig() => BaseConfig();
}
