namespace Inertia.Schedules;

/// <summary>
/// Keras <c>CosineDecay</c>: <c>peak·((1−α)·½(1 + cos(π·s/D)) + α)</c> for <c>s ≤ D</c>, the floor α·peak
/// after. With <c>warmupTarget</c>, the rate first rises linearly from <c>initialLearningRate</c> to the
/// target over <c>warmupSteps</c>, then decays from the target.
/// </summary>
public sealed class CosineDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate is negative, α is outside [0, 1], <paramref name="decaySteps"/> is not positive or <paramref name="warmupSteps"/> is negative.</exception>
    public CosineDecay(double initialLearningRate, double decaySteps, double alpha = 0.0, double? warmupTarget = null, double warmupSteps = 0)
    {
        InitialLearningRate = CheckRate(initialLearningRate, nameof(initialLearningRate));
        DecaySteps = CheckPositive(decaySteps, nameof(decaySteps));
        if (!(alpha >= 0 && alpha <= 1))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in [0, 1].");
        Alpha = alpha;
        if (warmupTarget is { } t) CheckRate(t, nameof(warmupTarget));
        WarmupTarget = warmupTarget;
        WarmupSteps = CheckRate(warmupSteps, nameof(warmupSteps));
    }

    /// <summary>The rate at step 0.</summary>
    public double InitialLearningRate { get; }

    /// <summary>Length of the cosine decay.</summary>
    public double DecaySteps { get; }

    /// <summary>Floor, as a fraction of the peak.</summary>
    public double Alpha { get; }

    /// <summary>The peak reached after warm-up, or null for no warm-up.</summary>
    public double? WarmupTarget { get; }

    /// <summary>Length of the linear warm-up.</summary>
    public double WarmupSteps { get; }

    /// <inheritdoc />
    public override string ClassName => "CosineDecay";

    /// <inheritdoc />
    public override double Evaluate(long step)
    {
        CheckStep(step);
        if (WarmupTarget is not { } target)
            return Decay(Math.Min(step, DecaySteps), InitialLearningRate);
        double s = Math.Min(step, DecaySteps + WarmupSteps);
        if (s < WarmupSteps)
            return (target - InitialLearningRate) * (s / WarmupSteps) + InitialLearningRate;
        return Decay(s - WarmupSteps, target);
    }

    private double Decay(double s, double peak)
    {
        double cosine = 0.5 * (1.0 + Math.Cos(Math.PI * (s / DecaySteps)));
        return ((1 - Alpha) * cosine + Alpha) * peak;
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object> GetConfig()
    {
        var config = new Dictionary<string, object>
        {
            ["initial_learning_rate"] = InitialLearningRate, ["decay_steps"] = DecaySteps, ["alpha"] = Alpha,
            ["warmup_steps"] = WarmupSteps,
        };
        if (WarmupTarget is { } t) config["warmup_target"] = t;
        return config;
    }

    internal static CosineDecay FromConfig(ScheduleConfigReader r) =>
        new(r.Double("initial_learning_rate"), r.Double("decay_steps"), r.Double("alpha", 0.0), r.NullableDouble("warmup_target"), r.Double("warmup_steps", 0));
}
