using Inertia.Optimizers;

namespace Inertia.Schedules;

/// <summary>
/// Performance scheduling (Keras <c>ReduceLROnPlateau</c>): multiply the optimizer's learning rate by
/// <c>factor</c> when the monitored value has not improved by <c>minDelta</c> for <c>patience</c>
/// consecutive reports. Setting the rate replaces any schedule with a constant, as in Keras.
/// </summary>
public sealed class ReduceLROnPlateau
{
    private readonly Optimizer _optimizer;
    private double _best;
    private int _wait;
    private int _cooldownLeft;

    /// <summary>Watches values reported through <see cref="Report"/> and lowers <paramref name="optimizer"/>'s rate.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (see each parameter).</exception>
    public ReduceLROnPlateau(Optimizer optimizer, double factor = 0.1, int patience = 10, bool maximize = false,
        double minDelta = 1e-4, int cooldown = 0, double minLearningRate = 0.0)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        if (!(factor > 0 && factor < 1))
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "factor must be in (0, 1).");
        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        ArgumentOutOfRangeException.ThrowIfNegative(cooldown);
        if (!(minDelta >= 0)) throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, "minDelta must be ≥ 0.");
        if (!(minLearningRate >= 0)) throw new ArgumentOutOfRangeException(nameof(minLearningRate), minLearningRate, "minLearningRate must be ≥ 0.");
        _optimizer = optimizer;
        Factor = factor;
        Patience = patience;
        Maximize = maximize;
        MinDelta = minDelta;
        Cooldown = cooldown;
        MinLearningRate = minLearningRate;
        _best = maximize ? double.NegativeInfinity : double.PositiveInfinity;
    }

    /// <summary>Factor applied to the rate on a plateau.</summary>
    public double Factor { get; }

    /// <summary>Reports without improvement tolerated before reducing.</summary>
    public int Patience { get; }

    /// <summary>Whether larger monitored values are better (accuracy) instead of smaller (loss).</summary>
    public bool Maximize { get; }

    /// <summary>Smallest change that counts as an improvement.</summary>
    public double MinDelta { get; }

    /// <summary>Reports to wait after a reduction before counting again.</summary>
    public int Cooldown { get; }

    /// <summary>The rate is never reduced below this.</summary>
    public double MinLearningRate { get; }

    /// <summary>Feeds one monitored value (typically once per epoch); returns whether the rate was reduced.</summary>
    public bool Report(double value)
    {
        if (_cooldownLeft > 0)
        {
            _cooldownLeft--;
            _wait = 0;
        }
        bool improved = Maximize ? value > _best + MinDelta : value < _best - MinDelta;
        if (improved)
        {
            _best = value;
            _wait = 0;
            return false;
        }
        if (_cooldownLeft > 0 || ++_wait < Patience) return false;
        double old = _optimizer.LearningRate;
        if (old <= MinLearningRate) return false;
        _optimizer.LearningRate = Math.Max(old * Factor, MinLearningRate);
        _cooldownLeft = Cooldown;
        _wait = 0;
        return true;
    }
}
