using Inertia.Autograd;
using Inertia.Autograd.Ops;
using Inertia.Tensors;

namespace Inertia.Layers;

/// <summary>Keras <c>LeakyReLU</c> layer: x for x ≥ 0, negative_slope·x below (default slope 0.3, unlike the 0.2 of the function).</summary>
public sealed class LeakyReLU : Layer
{
    /// <summary>Creates the layer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The slope is negative or not finite.</exception>
    public LeakyReLU(float negativeSlope = 0.3f, string? name = null) : base(name)
    {
        if (!(negativeSlope >= 0f) || float.IsInfinity(negativeSlope))
            throw new ArgumentOutOfRangeException(nameof(negativeSlope), negativeSlope, "The negative slope must be a finite number ≥ 0.");
        NegativeSlope = negativeSlope;
    }

    /// <summary>The slope below zero.</summary>
    public float NegativeSlope { get; }

    /// <inheritdoc />
    protected override Shape OnBuild(Shape inputShape) => inputShape;

    /// <inheritdoc />
    public override Variable Call(Tape tape, Variable input, bool training) => tape.LeakyRelu(input, NegativeSlope);

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetConfig()
    {
        var config = BaseConfig();
        config["negative_slope"] = (double)NegativeSlope;
        return config;
    }
}
