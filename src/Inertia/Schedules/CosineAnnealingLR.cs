namespace Inertia.Schedules;

/// <summary>
/// PyTorch <c>CosineAnnealingLR</c> as a schedule, in its closed form:
/// <c>η_min + (lr₀ − η_min)(1 + cos(π·s/T_max))/2</c> (periodic beyond T_max, as PyTorch's).
/// </summary>
public sealed class CosineAnnealingLR : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate is negative or <paramref name="tMax"/> is below 1.</exception>
    public CosineAnnealingLR(double initialLearningRate, long tMax, double etaMin = 0.0)
    {
        InitialLearningRate = CheckRate(initialLearningRate, nameof(initialLearningRate));
        if (tMax < 1)
            throw new ArgumentOutOfRangeException(nameof(tMax), tMax, "tMax must be at least 1.");
        TMax = tMax;
        EtaMin = CheckRate(etaMin, nameof(etaMin));
    }

    /// <summary>The rate at step 0.</summary>
    public double InitialLearningRate { get; }

    /// <summary>Half period in steps.</summary>
    public long TMax { get; }

    /// <summary>The lowest rate.</summary>
    public double EtaMin { get; }

    /// <inheritdoc />
    public override string ClassName => "CosineAnnealingLR";

    /// <inheritdoc />
    public override double Evaluate(long step)
    {
        CheckStep(step);
        return EtaMin + (InitialLearningRate - EtaMin) * (1 + Math.Cos(Math.PI * step / TMax)) / 2;
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object> GetConfig() => new Dictionary<string, object>
    {
        ["initial_learning_rate"] = InitialLearningRate, ["T_max"] = TMax, ["eta_min"] = EtaMin,
    };

    internal static CosineAnnealingLR FromConfig(ScheduleConfigReader r) => new(r.Double("initial_learning_rate"), r.Long("T_max"), r.Double("eta_min", 0.0));
}
