using Inertia.Autograd;
using Inertia.Tensors;

namespace Inertia.Layers;

/// <summary>
/// Keras <c>Activation</c> layer: applies an activation function by name (class name
/// <c>Activation</c> in configurations; the C# name avoids a clash with
/// <see cref="Activations.Activation"/>).
/// </summary>
public sealed class ActivationLayer : Layer
{
    /// <summary>Creates the layer from a Keras activation name (<c>relu</c>, <c>softmax</c>, …).</summary>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public ActivationLayer(string activation, string? name = null)
        : this(Activations.Activations.Get(activation ?? throw new ArgumentNullException(nameof(activation))), name) { }

    /// <summary>Creates the layer from an activation object.</summary>
    public ActivationLayer(Activations.Activation activation, string? name = null) : base(name)
    {
        ArgumentNullException.ThrowIfNull(activation);
        Activation = activation;
    }

    /// <summary>The activation applied.</summary>
    public Activations.Activation Activation { get; }

    /// <inheritdoc />
    public override string ClassName => "Activation";

    /// <inheritdoc />
    protected override Shape OnBuild(Shape inputShape) => inputShape;

    /// <inheritdoc />
    public override Variable Call(Tape tape, Variable input, bool training) => Activation.Call(tape, input);

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetConfig()
    {
        var config = BaseConfig();
        config["activation"] = Activations.Activations.Serialize(Activation);
        return config;
    }
}
