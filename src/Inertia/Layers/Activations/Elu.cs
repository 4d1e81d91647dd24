using Inertia.Autograd;
using Inertia.Autograd.Ops;

namespace Inertia.Layers.Activations;

/// <summary>Exponential linear unit: x for x &gt; 0, α·(eˣ − 1) below (Keras <c>elu</c>, default α = 1).</summary>
public sealed class Elu : Activation
{
    /// <summary>Creates the activation.</summary>
    /// <exception cref="ArgumentOutOfRangeException">α is not finite.</exception>
    public Elu(float alpha = 1f)
    {
        if (!float.IsFinite(alpha)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "ELU's alpha must be finite.");
        Alpha = alpha;
    }

    /// <summary>The negative saturation value.</summary>
    public float Alpha { get; }

    /// <inheritdoc />
    public override string Name => "elu";

    /// <inheritdoc />
    public override Variable Call(Tape tape, Variable x) => tape.Elu(x, Alpha);

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?> { ["alpha"] = (double)Alpha };
}
