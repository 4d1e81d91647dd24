using System.Globalization;

namespace Inertia.Training.Callbacks;

/// <summary>
/// Saves the model (architecture, weights, optimizer state and training position) after every
/// epoch, or only when the monitored quantity improved (Keras <c>ModelCheckpoint</c>). Files are
/// written atomically, so a crash leaves the previous checkpoint intact.
/// </summary>
public sealed class ModelCheckpoint : Callback
{
    private readonly bool _maximize;
    private double? _best;

    /// <summary>Creates the callback.</summary>
    /// <param name="filePath">Target file; <c>{epoch}</c> is replaced by the 1-based epoch number (as in Keras).</param>
    /// <param name="monitor">Log key compared when <paramref name="saveBestOnly"/>.</param>
    /// <param name="saveBestOnly">Save only when the monitored value improves on the best so far.</param>
    /// <param name="mode">Direction of improvement.</param>
    /// <param name="initialValueThreshold">With <paramref name="saveBestOnly"/>: a value the first save must beat.</param>
    public ModelCheckpoint(string filePath, string monitor = "val_loss", bool saveBestOnly = false, MonitorMode mode = MonitorMode.Auto,
        double? initialValueThreshold = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(monitor);
        Monitor.CheckMode(mode);
        FilePath = filePath;
        MonitorKey = monitor;
        SaveBestOnly = saveBestOnly;
        _maximize = Monitor.Maximizes(monitor, mode);
        _best = initialValueThreshold;
    }

    /// <summary>The target path pattern.</summary>
    public string FilePath { get; }

    /// <summary>The log key compared.</summary>
    public string MonitorKey { get; }

    /// <summary>Whether only improvements are saved.</summary>
    public bool SaveBestOnly { get; }

    /// <summary>The files written, in order.</summary>
    public IReadOnlyList<string> SavedFiles => _saved;

    private readonly List<string> _saved = [];

    /// <inheritdoc />
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        if (SaveBestOnly)
        {
            double current = Monitor.Read(logs, MonitorKey, nameof(ModelCheckpoint));
            if (double.IsNaN(current) || (_best is double b && !(_maximize ? current > b : current < b))) return;
            _best = current;
        }
        string path = FilePath.Replace("{epoch}", (epoch + 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Model.Save(path);
        _saved.Add(path);
    }
}
