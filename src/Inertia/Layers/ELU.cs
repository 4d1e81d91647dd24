using Inertia.Autograd;
using Inertia.Autograd.Ops;
using Inertia.Tensors;

namespace Inertia.Layers;

/// <summary>Keras <c>ELU</c> layer: x for x &gt; 0, α·(eˣ − 1) below (default α = 1).</summary>
public sealed class ELU : Layer
{
    /// <summary>Creates the layer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">α is not finite.</exception>
    public ELU(float alpha = 1f, string? name = null) : base(name)
    {
        if (!float.IsFinite(alpha)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "ELU's alpha must be finite.");
        Alpha = alpha;
    }

    /// <summary>The negative saturation value.</summary>
    public float Alpha { get; }

    /// <inheritdoc />
    protected override Shape OnBuild(Shape inputShape) => inputShape;

    /// <inheritdoc />
    public override Variable Call(Tape tape, Variable input, bool training) => tape.Elu(input, Alpha);

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetConfig()
    {
        var config = BaseConfig();
        config["alpha"] = (double)Alpha;
        return config;
    }
}
