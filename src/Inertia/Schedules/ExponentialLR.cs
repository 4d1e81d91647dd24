namespace Inertia.Schedules;

/// <summary>PyTorch <c>ExponentialLR</c> as a schedule: <c>lr₀·γ^s</c>, s = optimizer steps already taken.</summary>
public sealed class ExponentialLR : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate or γ is negative.</exception>
    public ExponentialLR(double initialLearningRate, double gamma)
    {
        InitialLearningRate = CheckRate(initialLearningRate, nameof(initialLearningRate));
        Gamma = CheckRate(gamma, nameof(gamma));
    }

    /// <summary>The rate at step 0.</summary>
    public double InitialLearningRate { get; }

    /// <summary>Factor per step.</summary>
    public double Gamma { get; }

    /// <inheritdoc />
    public override string ClassName => "ExponentialLR";

    /// <inheritdoc />
    public override double Evaluate(long step)
    {
        CheckStep(step);
        return InitialLearningRate * Math.Pow(Gamma, step);
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object> GetConfig() => new Dictionary<string, object>
    {
        ["initial_learning_rate"] = InitialLearningRate, ["gamma"] = Gamma,
    };

    internal static ExponentialLR FromConfig(ScheduleConfigReader r) => new(r.Double("initial_learning_rate"), r.Double("gamma"));
}
