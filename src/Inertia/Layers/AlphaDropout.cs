using Inertia.Autograd;
using Inertia.Autograd.Ops;
using Inertia.Data;
using Inertia.Tensors;

namespace Inertia.Layers;

/// <summary>
/// Keras <c>AlphaDropout</c> for SELU networks: in training, sets each input element with probability
/// <see cref="Rate"/> to SELU's saturation value and applies Keras's affine correction so that
/// mean and variance are kept; in inference, the identity.
/// </summary>
/// <remarks>
/// The mask of a training call is a pure function of the layer's seed, its <see cref="Step"/>
/// counter (one per training call) and the element index, so training is bitwise repeatable
/// and a resumed run reproduces the same masks once <see cref="Step"/> is restored.
/// </remarks>
public sealed class AlphaDropout : Layer
{
    private ulong _seed;

    /// <summary>Creates the layer.</summary>
    /// <param name="rate">Fraction of elements dropped, in [0, 1).</param>
    /// <param name="seed">Fixed mask seed; null derives it from the model seed and the layer name.</param>
    /// <param name="name">Layer name; default <c>alpha_dropout</c>, <c>alpha_dropout_1</c>, …</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is outside [0, 1).</exception>
    public AlphaDropout(float rate, ulong? seed = null, string? name = null) : base(name)
    {
        if (!(rate >= 0f && rate < 1f))
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The dropout rate must be in [0, 1).");
        Rate = rate;
        Seed = seed;
        if (seed is { } s) _seed = s;
    }

    /// <summary>Fraction of elements dropped.</summary>
    public float Rate { get; }

    /// <summary>The fixed seed given to the constructor, if any.</summary>
    public ulong? Seed { get; }

    /// <summary>Training calls made so far; the next call uses this step's mask.</summary>
    public long Step { get; set; }

    /// <inheritdoc />
    protected override Shape OnBuild(Shape inputShape)
    {
        if (Seed is null) _seed = SeededRandom.Derive(0, Name).NextUInt64();
        return inputShape;
    }

    /// <inheritdoc />
    protected override void OnInitialize(ulong seed)
    {
        if (Seed is null) _seed = SeededRandom.Derive(seed, Name + "/dropout").NextUInt64();
        Step = 0;
    }

    /// <inheritdoc />
    public override Variable Call(Tape tape, Variable input, bool training)
    {
        if (!training || Rate == 0f) return input;
        return tape.AlphaDropout(input, Rate, _seed, Step++);
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetConfig()
    {
        var config = BaseConfig();
        config["rate"] = (double)Rate;
        config["seed"] = Seed;
        return config;
    }
}
