namespace Inertia.Training.Callbacks;

/// <summary>
/// Multiplies the learning rate by <c>factor</c> when a monitored quantity has not improved for
/// <c>patience</c> epochs (Keras 3 <c>ReduceLROnPlateau</c>; the chapter's performance scheduling).
/// </summary>
public sealed class ReduceLROnPlateau : Callback
{
    private readonly bool _maximize;
    private double _best;
    private int _wait;
    private int _cooldownCounter;

    /// <summary>Creates the callback.</summary>
    /// <param name="monitor">Log key to watch.</param>
    /// <param name="factor">New rate = rate · factor; in (0, 1).</param>
    /// <param name="patience">Epochs without improvement before reducing; ≥ 0.</param>
    /// <param name="mode">Direction of improvement.</param>
    /// <param name="minDelta">Smallest change that counts as an improvement; ≥ 0.</param>
    /// <param name="cooldown">Epochs to wait after a reduction before counting again; ≥ 0.</param>
    /// <param name="minLr">Lower bound of the learning rate; ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is outside its range; the message names it.</exception>
    public ReduceLROnPlateau(string monitor = "val_loss", double factor = 0.1, int patience = 10, MonitorMode mode = MonitorMode.Auto,
        double minDelta = 1e-4, int cooldown = 0, double minLr = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(monitor);
        if (!(factor > 0 && factor < 1))
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "ReduceLROnPlateau does not support a factor outside (0, 1).");
        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        if (!(minDelta >= 0 && double.IsFinite(minDelta))) throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, "minDelta must be finite and ≥ 0.");
        ArgumentOutOfRangeException.ThrowIfNegative(cooldown);
        if (!(minLr >= 0 && double.IsFinite(minLr))) throw new ArgumentOutOfRangeException(nameof(minLr), minLr, "minLr must be finite and ≥ 0.");
        Monitor.CheckMode(mode);
        MonitorKey = monitor;
        _maximize = Monitor.Maximizes(monitor, mode);
        Factor = factor;
        Patience = patience;
        MinDelta = minDelta;
        Cooldown = cooldown;
        MinLr = minLr;
        Reset();
    }

    /// <summary>The log key watched.</summary>
    public string MonitorKey { get; }

    /// <summary>Reduction factor.</summary>
    public double Factor { get; }

    /// <summary>Epochs without improvement tolerated.</summary>
    public int Patience { get; }

    /// <summary>Smallest improvement that counts.</summary>
    public double MinDelta { get; }

    /// <summary>Epochs of rest after a reduction.</summary>
    public int Cooldown { get; }

    /// <summary>Lower bound of the learning rate.</summary>
    public double MinLr { get; }

    /// <inheritdoc />
    public override void OnTrainBegin() => Reset();

    /// <inheritdoc />
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        double current = Monitor.Read(logs, MonitorKey, nameof(ReduceLROnPlateau));
        if (_cooldownCounter > 0)
        {
            _cooldownCounter--;
            _wait = 0;
        }
        if (_maximize ? current > _best + MinDelta : current < _best - MinDelta)
        {
            _best = current;
            _wait = 0;
        }
        else if (_cooldownCounter <= 0 && ++_wait >= Patience)
        {
            var optimizer = Model.Optimizer;
            double old = optimizer.LearningRate;
            if (old > MinLr)
            {
                optimizer.LearningRate = Math.Max(old * Factor, MinLr);
                _cooldownCounter = Cooldown;
                _wait = 0;
            }
        }
    }

    private void Reset()
    {
        _best = _maximize ? double.NegativeInfinity : double.PositiveInfinity;
        _wait = 0;
        _cooldownCounter = 0;
    }
}
