namespace Inertia.Schedules;

/// <summary>
/// Keras <c>CosineDecayRestarts</c> (SGDR): cosine periods whose length grows by <c>tMul</c> and whose
/// peak shrinks by <c>mMul</c> at each restart; <c>lr₀·((1−α)·½·mMulⁱ·(1 + cos(πf)) + α)</c>.
/// </summary>
public sealed class CosineDecayRestarts : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate is negative, α is outside [0, 1], <paramref name="firstDecaySteps"/> or <paramref name="tMul"/> is not positive.</exception>
    public CosineDecayRestarts(double initialLearningRate, double firstDecaySteps, double tMul = 2.0, double mMul = 1.0, double alpha = 0.0)
    {
        InitialLearningRate = CheckRate(initialLearningRate, nameof(initialLearningRate));
        FirstDecaySteps = CheckPositive(firstDecaySteps, nameof(firstDecaySteps));
        TMul = CheckPositive(tMul, nameof(tMul));
        MMul = CheckRate(mMul, nameof(mMul));
        if (!(alpha >= 0 && alpha <= 1))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in [0, 1].");
        Alpha = alpha;
    }

    /// <summary>The rate at step 0.</summary>
    public double InitialLearningRate { get; }

    /// <summary>Length of the first period.</summary>
    public double FirstDecaySteps { get; }

    /// <summary>Factor by which each period is longer than the previous.</summary>
    public double TMul { get; }

    /// <summary>Factor by which each restart's peak is lower than the previous.</summary>
    public double MMul { get; }

    /// <summary>Floor, as a fraction of <see cref="InitialLearningRate"/> (not scaled by <see cref="MMul"/>).</summary>
    public double Alpha { get; }

    /// <inheritdoc />
    public override string ClassName => "CosineDecayRestarts";

    /// <inheritdoc />
    public override double Evaluate(long step)
    {
        CheckStep(step);
        double f = step / FirstDecaySteps, restart;
        if (TMul == 1.0)
        {
            restart = Math.Floor(f);
            f -= restart;
        }
        else
        {
            restart = Math.Floor(Math.Log(1.0 - f * (1.0 - TMul)) / Math.Log(TMul));
            double elapsed = (1.0 - Math.Pow(TMul, restart)) / (1.0 - TMul);
            f = (f - elapsed) / Math.Pow(TMul, restart);
        }
        double cosine = 0.5 * Math.Pow(MMul, restart) * (1.0 + Math.Cos(Math.PI * f));
        return InitialLearningRate * ((1 - Alpha) * cosine + Alpha);
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object> GetConfig() => new Dictionary<string, object>
    {
        ["initial_learning_rate"] = InitialLearningRate, ["first_decay_steps"] = FirstDecaySteps,
        ["t_mul"] = TMul, ["m_mul"] = MMul, ["alpha"] = Alpha,
    };

    internal static CosineDecayRestarts FromConfig(ScheduleConfigReader r) =>
        new(r.Double("initial_learning_rate"), r.Double("first_decay_steps"), r.Double("t_mul", 2.0), r.Double("m_mul", 1.0), r.Double("alpha", 0.0));
}
