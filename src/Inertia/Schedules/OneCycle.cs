namespace Inertia.Schedules;

/// <summary>
/// The 1cycle policy (Smith 2018) with PyTorch <c>OneCycleLR</c> semantics: the rate rises from
/// <c>maxLr/divFactor</c> to <c>maxLr</c> over the first <c>pctStart</c> of the steps, then anneals to
/// <c>initial/finalDivFactor</c>; momentum (SGD / RMSprop momentum, or β₁) moves the opposite way
/// between <c>maxMomentum</c> and <c>baseMomentum</c>.
/// </summary>
public sealed class OneCycle : LearningRateSchedule
{
    private readonly Phase[] _phases;

    /// <summary>Creates the schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range (see each parameter).</exception>
    /// <exception cref="ArgumentException"><paramref name="annealStrategy"/> is not "cos" or "linear".</exception>
    public OneCycle(double maxLearningRate, long totalSteps, double pctStart = 0.3, string annealStrategy = "cos",
        double divFactor = 25.0, double finalDivFactor = 1e4, bool threePhase = false, bool cycleMomentum = true,
        double baseMomentum = 0.85, double maxMomentum = 0.95)
    {
        MaxLearningRate = CheckPositive(maxLearningRate, nameof(maxLearningRate));
        if (totalSteps < 2)
            throw new ArgumentOutOfRangeException(nameof(totalSteps), totalSteps, "totalSteps must be at least 2.");
        if (!(pctStart > 0 && pctStart < 1))
            throw new ArgumentOutOfRangeException(nameof(pctStart), pctStart, "pctStart must be in (0, 1).");
        if (annealStrategy is not ("cos" or "linear"))
            throw new ArgumentException($"annealStrategy must be \"cos\" or \"linear\", not \"{annealStrategy}\".", nameof(annealStrategy));
        DivFactor = CheckPositive(divFactor, nameof(divFactor));
        FinalDivFactor = CheckPositive(finalDivFactor, nameof(finalDivFactor));
        if (!(baseMomentum >= 0 && baseMomentum <= 1))
            throw new ArgumentOutOfRangeException(nameof(baseMomentum), baseMomentum, "baseMomentum must be in [0, 1].");
        if (!(maxMomentum >= 0 && maxMomentum <= 1))
            throw new ArgumentOutOfRangeException(nameof(maxMomentum), maxMomentum, "maxMomentum must be in [0, 1].");
        TotalSteps = totalSteps;
        PctStart = pctStart;
        AnnealStrategy = annealStrategy;
        ThreePhase = threePhase;
        CycleMomentum = cycleMomentum;
        BaseMomentum = baseMomentum;
        MaxMomentum = maxMomentum;

        double initial = maxLearningRate / divFactor, min = initial / finalDivFactor;
        double rampEnd = pctStart * totalSteps - 1;
        _phases = threePhase
            ? [new(rampEnd, initial, maxLearningRate, maxMomentum, baseMomentum),
               new(2 * pctStart * totalSteps - 2, maxLearningRate, initial, baseMomentum, maxMomentum),
               new(totalSteps - 1, initial, min, maxMomentum, maxMomentum)]
            : [new(rampEnd, initial, maxLearningRate, maxMomentum, baseMomentum),
               new(totalSteps - 1, maxLearningRate, min, baseMomentum, maxMomentum)];
    }

    /// <summary>The peak rate.</summary>
    public double MaxLearningRate { get; }

    /// <summary>Number of steps in the cycle; evaluating beyond it throws, as in PyTorch.</summary>
    public long TotalSteps { get; }

    /// <summary>Fraction of the steps spent increasing the rate.</summary>
    public double PctStart { get; }

    /// <summary>"cos" or "linear".</summary>
    public string AnnealStrategy { get; }

    /// <summary>Initial rate = max / this.</summary>
    public double DivFactor { get; }

    /// <summary>Final rate = initial / this.</summary>
    public double FinalDivFactor { get; }

    /// <summary>Whether a third phase returns to the initial rate before annihilating it.</summary>
    public bool ThreePhase { get; }

    /// <summary>Whether momentum cycles inversely to the rate.</summary>
    public bool CycleMomentum { get; }

    /// <summary>Momentum at the peak rate.</summary>
    public double BaseMomentum { get; }

    /// <summary>Momentum at the start and end.</summary>
    public double MaxMomentum { get; }

    /// <inheritdoc />
    public override string ClassName => "OneCycle";

    /// <inheritdoc />
    public override double Evaluate(long step)
    {
        var (phase, pct) = Locate(step);
        return Anneal(phase.StartRate, phase.EndRate, pct);
    }

    /// <inheritdoc />
    public override double? Momentum(long step)
    {
        if (!CycleMomentum) return null;
        var (phase, pct) = Locate(step);
        return Anneal(phase.StartMomentum, phase.EndMomentum, pct);
    }

    private (Phase Phase, double Pct) Locate(long step)
    {
        CheckStep(step);
        if (step > TotalSteps)
            throw new ArgumentOutOfRangeException(nameof(step), step, $"OneCycle was built for {TotalSteps} steps; step {step} is past its end.");
        double start = 0;
        for (int i = 0; i < _phases.Length; i++)
        {
            var phase = _phases[i];
            if (step <= phase.EndStep || i == _phases.Length - 1)
                return (phase, (step - start) / (phase.EndStep - start));
            start = phase.EndStep;
        }
        throw new InvalidOperationException("OneCycle has no phases.");
    }

    private double Anneal(double start, double end, double pct) => AnnealStrategy == "cos"
        ? end + (start - end) / 2.0 * (Math.Cos(Math.PI * pct) + 1)
        : (end - start) * pct + start;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object> GetConfig() => new Dictionary<string, object>
    {
        ["max_lr"] = MaxLearningRate, ["total_steps"] = TotalSteps, ["pct_start"] = PctStart,
        ["anneal_strategy"] = AnnealStrategy, ["div_factor"] = DivFactor, ["final_div_factor"] = FinalDivFactor,
        ["three_phase"] = ThreePhase, ["cycle_momentum"] = CycleMomentum,
        ["base_momentum"] = BaseMomentum, ["max_momentum"] = MaxMomentum,
    };

    internal static OneCycle FromConfig(ScheduleConfigReader r) => new(
        r.Double("max_lr"), r.Long("total_steps"), r.Double("pct_start", 0.3), r.String("anneal_strategy", "cos"),
        r.Double("div_factor", 25.0), r.Double("final_div_factor", 1e4), r.Bool("three_phase", false),
        r.Bool("cycle_momentum", true), r.Double("base_momentum", 0.85), r.Double("max_momentum", 0.95));

    private readonly record struct Phase(double EndStep, double StartRate, double EndRate, double StartMomentum, double EndMomentum);
}
