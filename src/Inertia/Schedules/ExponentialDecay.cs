namespace Inertia.Schedules;

/// <summary>Keras <c>ExponentialDecay</c>: <c>lr₀ · rate^(s / decaySteps)</c>, the exponent floored when <c>staircase</c>.</summary>
public sealed class ExponentialDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate is negative, or <paramref name="decaySteps"/> is not positive.</exception>
    public ExponentialDecay(double initialLearningRate, double decaySteps, double decayRate, bool staircase = false)
    {
        InitialLearningRate = CheckRate(initialLearningRate, nameof(initialLearningRate));
        DecaySteps = CheckPositive(decaySteps, nameof(decaySteps));
        DecayRate = CheckRate(decayRate, nameof(decayRate));
        Staircase = staircase;
    }

    /// <summary>The rate at step 0.</summary>
    public double InitialLearningRate { get; }

    /// <summary>Steps per factor of <see cref="DecayRate"/>.</summary>
    public double DecaySteps { get; }

    /// <summary>Factor applied every <see cref="DecaySteps"/> steps.</summary>
    public double DecayRate { get; }

    /// <summary>Whether the exponent is floored (discrete drops).</summary>
    public bool Staircase { get; }

    /// <inheritdoc />
    public override string ClassName => "ExponentialDecay";

    /// <inheritdoc />
    public override double Evaluate(long step)
    {
        CheckStep(step);
        double p = step / DecaySteps;
        if (Staircase) p = Math.Floor(p);
        return InitialLearningRate * Math.Pow(DecayRate, p);
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object> GetConfig() => new Dictionary<string, object>
    {
        ["initial_learning_rate"] = InitialLearningRate, ["decay_steps"] = DecaySteps,
        ["decay_rate"] = DecayRate, ["staircase"] = Staircase,
    };

    internal static ExponentialDecay FromConfig(ScheduleConfigReader r) =>
        new(r.Double("initial_learning_rate"), r.Double("decay_steps"), r.Double("decay_rate"), r.Bool("staircase", false));
}
