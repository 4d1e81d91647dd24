using Inertia.Tensors;

namespace Inertia.Training.Callbacks;

/// <summary>
/// Stops training when a monitored quantity has stopped improving (Keras 3 <c>EarlyStopping</c>):
/// after <c>patience</c> epochs without an improvement larger than <c>minDelta</c>, it sets
/// <see cref="Sequential.StopTraining"/>, and with <c>restoreBestWeights</c> puts back the weights
/// (and layer state) of the best epoch.
/// </summary>
public sealed class EarlyStopping : Callback
{
    private readonly bool _maximize;
    private double? _best;
    private IReadOnlyList<Tensor>? _bestWeights;
    private int _wait;

    /// <summary>Creates the callback.</summary>
    /// <param name="monitor">Log key to watch.</param>
    /// <param name="minDelta">Smallest change that counts as an improvement (its absolute value is used, as in Keras).</param>
    /// <param name="patience">Epochs without improvement before stopping; ≥ 0.</param>
    /// <param name="mode">Direction of improvement.</param>
    /// <param name="baseline">A value the monitor must beat; epochs that do not beat it count toward patience.</param>
    /// <param name="restoreBestWeights">On stopping, restore the weights of the best epoch.</param>
    /// <param name="startFromEpoch">Epochs to wait before watching at all.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, or <paramref name="minDelta"/> or <paramref name="baseline"/> is not finite.</exception>
    public EarlyStopping(string monitor = "val_loss", double minDelta = 0, int patience = 0, MonitorMode mode = MonitorMode.Auto,
        double? baseline = null, bool restoreBestWeights = false, int startFromEpoch = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(monitor);
        if (!double.IsFinite(minDelta)) throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, "minDelta must be finite.");
        if (baseline is { } b && !double.IsFinite(b)) throw new ArgumentOutOfRangeException(nameof(baseline), b, "baseline must be finite.");
        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        ArgumentOutOfRangeException.ThrowIfNegative(startFromEpoch);
        Monitor.CheckMode(mode);
        MonitorKey = monitor;
        _maximize = Monitor.Maximizes(monitor, mode);
        MinDelta = Math.Abs(minDelta);
        Patience = patience;
        Baseline = baseline;
        RestoreBestWeights = restoreBestWeights;
        StartFromEpoch = startFromEpoch;
    }

    /// <summary>The log key watched.</summary>
    public string MonitorKey { get; }

    /// <summary>Smallest improvement that counts.</summary>
    public double MinDelta { get; }

    /// <summary>Epochs without improvement tolerated.</summary>
    public int Patience { get; }

    /// <summary>Value to beat, if any.</summary>
    public double? Baseline { get; }

    /// <summary>Whether the best weights are restored on stopping.</summary>
    public bool RestoreBestWeights { get; }

    /// <summary>Epochs ignored at the start.</summary>
    public int StartFromEpoch { get; }

    /// <summary>The epoch training stopped after (0 when it did not stop).</summary>
    public int StoppedEpoch { get; private set; }

    /// <summary>The epoch with the best monitored value so far.</summary>
    public int BestEpoch { get; private set; }

    /// <summary>The best monitored value so far.</summary>
    public double? Best => _best;

    /// <inheritdoc />
    public override void OnTrainBegin()
    {
        _wait = 0;
        StoppedEpoch = 0;
        _best = null;
        _bestWeights = null;
        BestEpoch = 0;
    }

    /// <inheritdoc />
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        double current = Monitor.Read(logs, MonitorKey, nameof(EarlyStopping));
        if (epoch < StartFromEpoch) return;
        if (RestoreBestWeights && _bestWeights is null) _bestWeights = Model.GetWeights();
        _wait++;
        if (IsImprovement(current, _best))
        {
            _best = current;
            BestEpoch = epoch;
            if (RestoreBestWeights) _bestWeights = Model.GetWeights();
            if (Baseline is null || IsImprovement(current, Baseline))
            {
                _wait = 0;
                return;
            }
        }
        if (_wait >= Patience && epoch > 0)
        {
            StoppedEpoch = epoch;
            Model.StopTraining = true;
            if (RestoreBestWeights && _bestWeights is not null) Model.SetWeights(_bestWeights);
        }
    }

    private bool IsImprovement(double value, double? reference) =>
        reference is not double r || (_maximize ? value - MinDelta > r : value + MinDelta < r);
}
