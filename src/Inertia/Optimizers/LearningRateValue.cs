using Inertia.Schedules;

namespace Inertia.Optimizers;

/// <summary>
/// An optimizer's learning rate as Keras accepts it: a constant or a <see cref="LearningRateSchedule"/>.
/// Converts implicitly from both, so <c>new Adam(learningRate: 3e-4)</c> and
/// <c>new Adam(learningRate: new CosineDecay(0.1, 1000))</c> both read naturally.
/// </summary>
public readonly struct LearningRateValue
{
    private LearningRateValue(double constant, LearningRateSchedule? schedule)
    {
        Constant = constant;
        Schedule = schedule;
    }

    /// <summary>The constant rate (ignored when <see cref="Schedule"/> is set).</summary>
    public double Constant { get; }

    /// <summary>The schedule, or null for a constant rate.</summary>
    public LearningRateSchedule? Schedule { get; }

    /// <summary>A constant learning rate.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is negative, not finite or beyond float32's range.</exception>
    public static implicit operator LearningRateValue(double constant) =>
        new(Check.LearningRate(constant, "learningRate"), null);

    /// <summary>A scheduled learning rate.</summary>
    public static implicit operator LearningRateValue(LearningRateSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return new LearningRateValue(0, schedule);
    }
}
