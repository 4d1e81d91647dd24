namespace Inertia.Training.Callbacks;

/// <summary>Whether a monitored quantity improves by going down or up (Keras <c>mode</c>).</summary>
public enum MonitorMode
{
    /// <summary>Inferred from the name: accuracies and AUC go up, everything else (losses, errors) goes down.</summary>
    Auto,

    /// <summary>Lower is better.</summary>
    Min,

    /// <summary>Higher is better.</summary>
    Max,
}

/// <summary>Reads monitored values from epoch logs, as Keras callbacks do.</summary>
internal static class Monitor
{
    /// <summary>True when higher is better for <paramref name="monitor"/> under <paramref name="mode"/>.</summary>
    public static bool Maximizes(string monitor, MonitorMode mode) => mode switch
    {
        MonitorMode.Min => false,
        MonitorMode.Max => true,
        _ => !monitor.Contains("loss", StringComparison.Ordinal) &&
             (monitor.Contains("acc", StringComparison.Ordinal) || monitor.Contains("auc", StringComparison.Ordinal)),
    };

    /// <summary>The monitored value; a missing key is an error (a typo must not silently disable the callback).</summary>
    public static double Read(IReadOnlyDictionary<string, double> logs, string monitor, string callback) =>
        logs.TryGetValue(monitor, out var v) ? v : throw new InvalidOperationException(
            $"{callback} monitors '{monitor}', which the epoch logs do not hold. Available: {string.Join(", ", logs.Keys)}" +
            (monitor.StartsWith("val_", StringComparison.Ordinal) ? " (val_ keys need validationSplit or validationData)." : "."));

    public static void CheckMode(MonitorMode mode)
    {
        if (!Enum.IsDefined(mode)) throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown monitor mode.");
    }
}
