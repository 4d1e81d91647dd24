using Inertia.Autograd;
using Inertia.Autograd.Ops;
using Inertia.Initializers;
using Inertia.Layers.Activations;
using Inertia.Tensors;

namespace Inertia.Layers;

/// <summary>
/// A fully connected layer (Keras <c>Dense</c>): y = activation(x·kernel + bias), kernel of
/// shape (input features, units).
/// </summary>
public sealed class Dense : Layer
{
    private Parameter? _kernel;
    private Parameter? _bias;

    /// <summary>Creates a Dense layer.</summary>
    /// <param name="units">Output features; at least 1.</param>
    /// <param name="activation">Keras activation name (<c>relu</c>, <c>softmax</c>, …); null is linear.</param>
    /// <param name="kernelInitializer">Default <see cref="GlorotUniform"/>.</param>
    /// <param name="biasInitializer">Default <see cref="Zeros"/>.</param>
    /// <param name="useBias">Whether to add a bias.</param>
    /// <param name="name">Layer name; default <c>dense</c>, <c>dense_1</c>, … as added to a model.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is below 1.</exception>
    public Dense(int units, string? activation = null, Initializer? kernelInitializer = null,
        Initializer? biasInitializer = null, bool useBias = true, string? name = null)
        : this(units, Activations.Activations.Get(activation), kernelInitializer, biasInitializer, useBias, name) { }

    /// <summary>Creates a Dense layer with an activation object.</summary>
    public Dense(int units, Activation activation, Initializer? kernelInitializer = null,
        Initializer? biasInitializer = null, bool useBias = true, string? name = null) : base(name)
    {
        if (units < 1) throw new ArgumentOutOfRangeException(nameof(units), units, "Dense needs at least 1 unit.");
        ArgumentNullException.ThrowIfNull(activation);
        Units = units;
        Activation = activation;
        KernelInitializer = kernelInitializer ?? new GlorotUniform();
        BiasInitializer = biasInitializer ?? new Zeros();
        UseBias = useBias;
    }

    /// <summary>Output features.</summary>
    public int Units { get; }

    /// <summary>The activation applied after the affine map.</summary>
    public Activation Activation { get; }

    /// <summary>Initializer of the kernel.</summary>
    public Initializer KernelInitializer { get; }

    /// <summary>Initializer of the bias.</summary>
    public Initializer BiasInitializer { get; }

    /// <summary>Whether a bias is added.</summary>
    public bool UseBias { get; }

    /// <summary>The kernel (input features × units), once built.</summary>
    public Parameter Kernel => _kernel ?? throw new InvalidOperationException($"Layer '{Name}' is not built.");

    /// <summary>The bias (units), once built with <see cref="UseBias"/>.</summary>
    public Parameter? Bias => _bias;

    /// <inheritdoc />
    protected override Shape OnBuild(Shape inputShape)
    {
        if (inputShape.Rank != 1)
            throw new ArgumentException($"Dense '{Name}' needs a flat input (features,), got {inputShape}; add a Flatten layer before it.");
        if (inputShape[0] < 1)
            throw new ArgumentException($"Dense '{Name}' got an input with no features: {inputShape}.");
        _kernel = AddWeight("kernel", new Shape(inputShape[0], Units), KernelInitializer);
        if (UseBias) _bias = AddWeight("bias", new Shape(Units), BiasInitializer);
        return new Shape(Units);
    }

    /// <inheritdoc />
    public override Variable Call(Tape tape, Variable input, bool training)
    {
        var y = tape.MatMul(input, tape.Parameter(Kernel));
        // The product is this layer's own intermediate: the bias can be added over it.
        if (_bias is not null) y = tape.BiasAddInPlace(y, tape.Parameter(_bias));
        return Activation.Call(tape, y);
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetConfig()
    {
        var config = BaseConfig();
        config["units"] = Units;
        config["activation"] = Activations.Activations.Serialize(Activation);
        config["use_bias"] = UseBias;
        config["kernel_initializer"] = Initializer.Serialize(KernelInitializer);
        config["bias_initializer"] = Initializer.Serialize(BiasInitializer);
        return config;
    }
}
