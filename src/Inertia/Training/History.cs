namespace Inertia.Training;

/// <summary>
/// What <see cref="Sequential.Fit"/> returns (Keras <c>History</c>): for every completed epoch,
/// the training loss and metrics (<c>loss</c>, <c>accuracy</c>, …), the validation ones
/// (<c>val_loss</c>, <c>val_accuracy</c>, …) and <c>learning_rate</c>; plus the events of the
/// run (non-finite losses, skipped and overflowed steps, stops, cancellation).
/// </summary>
public sealed class History
{
    private readonly List<int> _epochs = [];
    private readonly Dictionary<string, List<double>> _values = new(StringComparer.Ordinal);
    private readonly List<TrainingEvent> _events = [];

    /// <summary>Indices of the completed epochs (they start at Fit's <c>initialEpoch</c>).</summary>
    public IReadOnlyList<int> Epochs => _epochs;

    /// <summary>Per-epoch values by key (Keras <c>history.history</c>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> Values =>
        _values.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<double>)kv.Value, StringComparer.Ordinal);

    /// <summary>The keys recorded, e.g. <c>loss</c>, <c>val_loss</c>.</summary>
    public IReadOnlyCollection<string> Keys => _values.Keys;

    /// <summary>The per-epoch values of one key.</summary>
    /// <exception cref="KeyNotFoundException">The key was not recorded; the message lists the recorded ones.</exception>
    public IReadOnlyList<double> this[string key] => _values.TryGetValue(key, out var v)
        ? v
        : throw new KeyNotFoundException($"History has no '{key}'. Recorded: {string.Join(", ", _values.Keys)}.");

    /// <summary>Events in the order they happened.</summary>
    public IReadOnlyList<TrainingEvent> Events => _events;

    /// <summary>Number of optimizer steps skipped for non-finite gradients during the run.</summary>
    public int SkippedSteps => _events.Count(e => e.Kind == TrainingEventKind.SkippedStep);

    /// <summary>Number of optimizer updates that overflowed and kept some elements' previous values.</summary>
    public int OverflowedSteps => _events.Count(e => e.Kind == TrainingEventKind.OverflowedStep);

    /// <summary>Number of batches whose loss was NaN or infinite.</summary>
    public int NonFiniteLosses => _events.Count(e => e.Kind == TrainingEventKind.NonFiniteLoss);

    /// <summary>Whether a callback stopped training before the last epoch.</summary>
    public bool Stopped => _events.Any(e => e.Kind == TrainingEventKind.Stopped);

    internal void AddEpoch(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        _epochs.Add(epoch);
        foreach (var (key, value) in logs)
        {
            if (!_values.TryGetValue(key, out var list)) _values[key] = list = [];
            list.Add(value);
        }
    }

    internal void AddEvent(TrainingEvent e) => _events.Add(e);
}
