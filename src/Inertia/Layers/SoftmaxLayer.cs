using Inertia.Autograd;
using Inertia.Autograd.Ops;
using Inertia.Tensors;

namespace Inertia.Layers;

/// <summary>
/// Keras <c>Softmax</c> layer over the last axis (class name <c>Softmax</c> in configurations;
/// the C# name avoids a clash with <see cref="Activations.Softmax"/>).
/// </summary>
/// <param name="name">Layer name; default <c>softmax</c>, …</param>
public sealed class SoftmaxLayer(string? name = null) : Layer(name)
{
    /// <inheritdoc />
    public override string ClassName => "Softmax";

    /// <inheritdoc />
    protected override Shape OnBuild(Shape inputShape) => inputShape;

    /// <inheritdoc />
    public override Variable Call(Tape tape, Variable input, bool training) => tape.Softmax(input);

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetConfig()
    {
        var config = BaseConfig();
        config["axis"] = -1;
        return config;
    }
}
