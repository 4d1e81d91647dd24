namespace Inertia.Schedules;

/// <summary>Keras <c>InverseTimeDecay</c>: <c>lr₀ / (1 + rate · s / decaySteps)</c>, the quotient floored when <c>staircase</c>.</summary>
public sealed class InverseTimeDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate is negative, or <paramref name="decaySteps"/> is not positive.</exception>
    public InverseTimeDecay(double initialLearningRate, double decaySteps, double decayRate, bool staircase = false)
    {
        InitialLearningRate = CheckRate(initialLearningRate, nameof(initialLearningRate));
        DecaySteps = CheckPositive(decaySteps, nameof(decaySteps));
        DecayRate = CheckRate(decayRate, nameof(decayRate));
        Staircase = staircase;
    }

    /// <summary>The rate at step 0.</summary>
    public double InitialLearningRate { get; }

    /// <summary>Steps per unit of decay.</summary>
    public double DecaySteps { get; }

    /// <summary>Decay per <see cref="DecaySteps"/>.</summary>
    public double DecayRate { get; }

    /// <summary>Whether <c>s / decaySteps</c> is floored.</summary>
    public bool Staircase { get; }

    /// <inheritdoc />
    public override string ClassName => "InverseTimeDecay";

    /// <inheritdoc />
    public override double Evaluate(long step)
    {
        CheckStep(step);
        double p = step / DecaySteps;
        if (Staircase) p = Math.Floor(p);
        return InitialLearningRate / (1 + DecayRate * p);
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object> GetConfig() => new Dictionary<string, object>
    {
        ["initial_learning_rate"] = InitialLearningRate, ["decay_steps"] = DecaySteps,
        ["decay_rate"] = DecayRate, ["staircase"] = Staircase,
    };

    internal static InverseTimeDecay FromConfig(ScheduleConfigReader r) =>
        new(r.Double("initial_learning_rate"), r.Double("decay_steps"), r.Double("decay_rate"), r.Bool("staircase", false));
}
