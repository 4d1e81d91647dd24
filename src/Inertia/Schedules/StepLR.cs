namespace Inertia.Schedules;

/// <summary>PyTorch <c>StepLR</c> as a schedule: <c>lr₀·γ^⌊s/stepSize⌋</c>, s = optimizer steps already taken.</summary>
public sealed class StepLR : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate or γ is negative, or <paramref name="stepSize"/> is below 1.</exception>
    public StepLR(double initialLearningRate, long stepSize, double gamma = 0.1)
    {
        InitialLearningRate = CheckRate(initialLearningRate, nameof(initialLearningRate));
        if (stepSize < 1)
            throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "stepSize must be at least 1.");
        StepSize = stepSize;
        Gamma = CheckRate(gamma, nameof(gamma));
    }

    /// <summary>The rate before the first drop.</summary>
    public double InitialLearningRate { get; }

    /// <summary>Steps between drops.</summary>
    public long StepSize { get; }

    /// <summary>Factor of each drop.</summary>
    public double Gamma { get; }

    /// <inheritdoc />
    public override string ClassName => "StepLR";

    /// <inheritdoc />
    public override double Evaluate(long step)
    {
        CheckStep(step);
        return InitialLearningRate * Math.Pow(Gamma, step / StepSize);
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object> GetConfig() => new Dictionary<string, object>
    {
        ["initial_learning_rate"] = InitialLearningRate, ["step_size"] = StepSize, ["gamma"] = Gamma,
    };

    internal static StepLR FromConfig(ScheduleConfigReader r) => new(r.Double("initial_learning_rate"), r.Long("step_size"), r.Double("gamma", 0.1));
}
