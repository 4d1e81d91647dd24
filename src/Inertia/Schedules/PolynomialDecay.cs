namespace Inertia.Schedules;

/// <summary>
/// Keras <c>PolynomialDecay</c>: <c>(lr₀ − lr_end)(1 − s'/D)^power + lr_end</c> with <c>s' = min(s, D)</c>;
/// with <c>cycle</c>, <c>s' = s</c> and <c>D = decaySteps·⌈s/decaySteps⌉</c> (multiplier 1 at s = 0).
/// </summary>
public sealed class PolynomialDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate or the power is negative, or <paramref name="decaySteps"/> is not positive.</exception>
    public PolynomialDecay(double initialLearningRate, double decaySteps, double endLearningRate = 1e-4, double power = 1.0, bool cycle = false)
    {
        InitialLearningRate = CheckRate(initialLearningRate, nameof(initialLearningRate));
        DecaySteps = CheckPositive(decaySteps, nameof(decaySteps));
        EndLearningRate = CheckRate(endLearningRate, nameof(endLearningRate));
        Power = CheckRate(power, nameof(power));
        Cycle = cycle;
    }

    /// <summary>The rate at step 0.</summary>
    public double InitialLearningRate { get; }

    /// <summary>Steps from the initial to the end rate.</summary>
    public double DecaySteps { get; }

    /// <summary>The rate reached after <see cref="DecaySteps"/>.</summary>
    public double EndLearningRate { get; }

    /// <summary>Exponent of the polynomial.</summary>
    public double Power { get; }

    /// <summary>Whether to restart with a longer period after reaching the end.</summary>
    public bool Cycle { get; }

    /// <inheritdoc />
    public override string ClassName => "PolynomialDecay";

    /// <inheritdoc />
    public override double Evaluate(long step)
    {
        CheckStep(step);
        double s = step, d = DecaySteps;
        if (Cycle)
            d *= step == 0 ? 1.0 : Math.Ceiling(s / DecaySteps);
        else
            s = Math.Min(s, d);
        return (InitialLearningRate - EndLearningRate) * Math.Pow(1 - s / d, Power) + EndLearningRate;
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object> GetConfig() => new Dictionary<string, object>
    {
        ["initial_learning_rate"] = InitialLearningRate, ["decay_steps"] = DecaySteps,
        ["end_learning_rate"] = EndLearningRate, ["power"] = Power, ["cycle"] = Cycle,
    };

    internal static PolynomialDecay FromConfig(ScheduleConfigReader r) =>
        new(r.Double("initial_learning_rate"), r.Double("decay_steps"), r.Double("end_learning_rate", 1e-4), r.Double("power", 1.0), r.Bool("cycle", false));
}
