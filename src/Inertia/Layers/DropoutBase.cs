using Inertia.Autograd;
using Inertia.Autograd.Ops;
using Inertia.Data;
using Inertia.Tensors;

namespace Inertia.Layers;

/// <summary>
/// What <see cref="Dropout"/> and <see cref="AlphaDropout"/> share: a rate, a seed, and a
/// step counter that makes every training call's mask reproducible.
/// </summary>
/// <remarks>
/// The mask of a training call is a pure function of the layer's seed, its <see cref="Step"/>
/// counter (one per training call) and the element index, so training is bitwise repeatable
/// and a resumed run reproduces the same masks once <see cref="Step"/> is restored.
/// </remarks>
public abstract class DropoutBase : Layer
{
    private ulong _seed;

    /// <summary>Validates and keeps the rate and seed.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is outside [0, 1).</exception>
    protected DropoutBase(float rate, ulong? seed, string? name) : base(name)
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
        return Drop(tape, input, _seed, Step++);
    }

    /// <summary>Applies this step's mask (training only).</summary>
    protected abstract Variable Drop(Tape tape, Variable input, ulong seed, long step);

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetConfig()
    {
        var config = BaseConfig();
        config["rate"] = (double)Rate;
        config["seed"] = Seed;
        return config;
    }
}
