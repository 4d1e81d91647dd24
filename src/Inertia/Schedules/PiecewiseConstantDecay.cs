namespace Inertia.Schedules;

/// <summary>
/// Keras <c>PiecewiseConstantDecay</c>: <c>values[0]</c> while <c>s ≤ boundaries[0]</c>, <c>values[i]</c>
/// while <c>boundaries[i−1] &lt; s ≤ boundaries[i]</c>, the last value after the last boundary.
/// </summary>
public sealed class PiecewiseConstantDecay : LearningRateSchedule
{
    private readonly double[] _boundaries;
    private readonly double[] _values;

    /// <summary>Creates the schedule.</summary>
    /// <exception cref="ArgumentException">There is not exactly one more value than boundaries, or the boundaries do not increase.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative.</exception>
    public PiecewiseConstantDecay(IReadOnlyList<double> boundaries, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != boundaries.Count + 1)
            throw new ArgumentException($"PiecewiseConstantDecay needs one more value than boundaries; got {boundaries.Count} boundaries and {values.Count} values.", nameof(values));
        for (int i = 1; i < boundaries.Count; i++)
            if (!(boundaries[i] > boundaries[i - 1]))
                throw new ArgumentException($"Boundaries must increase; boundary {i} ({boundaries[i]}) is not above {boundaries[i - 1]}.", nameof(boundaries));
        for (int i = 0; i < values.Count; i++)
            CheckRate(values[i], $"values[{i}]");
        _boundaries = boundaries.ToArray();
        _values = values.ToArray();
    }

    /// <summary>The step boundaries (upper bounds, inclusive).</summary>
    public IReadOnlyList<double> Boundaries => _boundaries;

    /// <summary>The rate of each interval.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <inheritdoc />
    public override string ClassName => "PiecewiseConstantDecay";

    /// <inheritdoc />
    public override double Evaluate(long step)
    {
        CheckStep(step);
        for (int i = 0; i < _boundaries.Length; i++)
            if (step <= _boundaries[i]) return _values[i];
        return _values[^1];
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object> GetConfig() => new Dictionary<string, object>
    {
        ["boundaries"] = _boundaries.ToArray(), ["values"] = _values.ToArray(),
    };

    internal static PiecewiseConstantDecay FromConfig(ScheduleConfigReader r) => new(r.DoubleArray("boundaries"), r.DoubleArray("values"));
}
