using Inertia.Autograd;
using Inertia.Autograd.Ops;
using Inertia.Tensors;

namespace Inertia.Losses;

/// <summary>Keras <c>huber</c>: ½d² for |d| ≤ δ, δ·|d| − ½δ² beyond, with d = prediction − target.</summary>
public sealed class Huber : Loss
{
    /// <summary>Creates the loss (Keras default δ = 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">δ is not a positive finite number.</exception>
    public Huber(float delta = 1f)
    {
        if (!(delta > 0f) || float.IsInfinity(delta))
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "Huber's delta must be a positive finite number.");
        Delta = delta;
    }

    /// <summary>Where the loss turns from quadratic to linear.</summary>
    public float Delta { get; }

    /// <inheritdoc />
    public override string Name => "huber";

    /// <inheritdoc />
    public override Variable Call(Tape tape, Variable prediction, Tensor target) => tape.Huber(prediction, target, Delta);

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?> { ["delta"] = (double)Delta };
}
