using Inertia.Autograd;
using Inertia.Autograd.Ops;

namespace Inertia.Layers.Activations;

/// <summary>Leaky ReLU: x for x ≥ 0, negative_slope·x below (Keras <c>leaky_relu</c>, default slope 0.2).</summary>
public sealed class LeakyRelu : Activation
{
    /// <summary>Keras's default slope of the activation function (the LeakyReLU layer uses 0.3).</summary>
    public const float DefaultNegativeSlope = 0.2f;

    /// <summary>Creates the activation.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The slope is negative or not finite.</exception>
    public LeakyRelu(float negativeSlope = DefaultNegativeSlope)
    {
        if (!(negativeSlope >= 0f) || float.IsInfinity(negativeSlope))
            throw new ArgumentOutOfRangeException(nameof(negativeSlope), negativeSlope, "The negative slope must be a finite number ≥ 0.");
        NegativeSlope = negativeSlope;
    }

    /// <summary>The slope below zero.</summary>
    public float NegativeSlope { get; }

    /// <inheritdoc />
    public override string Name => "leaky_relu";

    /// <inheritdoc />
    public override Variable Call(Tape tape, Variable x) => tape.LeakyRelu(x, NegativeSlope);

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetConfig() =>
        new Dictionary<string, object?> { ["negative_slope"] = (double)NegativeSlope };
}
