using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Inertia.Training.Callbacks;

/// <summary>
/// Plain-text progress (Keras <c>ProgbarLogger</c>). Verbose 1: a bar per epoch rewritten in place
/// with batches done, ETA, running loss and metrics; verbose 2: one line per epoch. Fit adds one
/// writing to the console when its <c>verbose</c> is not 0.
/// </summary>
public sealed class ProgbarLogger : Callback
{
    private const int BarWidth = 30;
    private readonly TextWriter _writer;
    private readonly int _verbose;
    private readonly Stopwatch _clock = new();
    private long _lastDraw;

    /// <summary>Creates the logger.</summary>
    /// <param name="writer">Where to write (e.g. <see cref="Console.Out"/>).</param>
    /// <param name="verbose">1 for the live bar, 2 for one line per epoch.</param>
    public ProgbarLogger(TextWriter writer, int verbose = 1)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (verbose is not (1 or 2)) throw new ArgumentOutOfRangeException(nameof(verbose), verbose, "verbose must be 1 or 2.");
        _writer = writer;
        _verbose = verbose;
    }

    /// <summary>Total epochs shown in "Epoch i/n"; Fit sets it to its <c>epochs</c>.</summary>
    public int Epochs { get; internal set; }

    /// <inheritdoc />
    public override void OnEpochBegin(int epoch)
    {
        _writer.WriteLine(Epochs > 0 ? $"Epoch {epoch + 1}/{Epochs}" : $"Epoch {epoch + 1}");
        _clock.Restart();
        _lastDraw = -1000;
    }

    /// <inheritdoc />
    public override void OnBatchEnd(int batch, BatchLogs logs)
    {
        if (_verbose != 1) return;
        long now = _clock.ElapsedMilliseconds;
        bool last = batch + 1 == logs.BatchesPerEpoch;
        // Redrawing costs far more than a small step; 10 times a second is enough for a human.
        if (!last && now - _lastDraw < 100) return;
        _lastDraw = now;
        int done = batch + 1, total = logs.BatchesPerEpoch;
        var sb = new StringBuilder("\r");
        string width = total.ToString(CultureInfo.InvariantCulture);
        sb.Append(done.ToString(CultureInfo.InvariantCulture).PadLeft(width.Length)).Append('/').Append(width).Append(" [");
        int filled = (int)((long)BarWidth * done / total);
        sb.Append('=', Math.Max(0, filled - 1)).Append(filled > 0 ? (last ? '=' : '>') : ' ').Append('.', BarWidth - Math.Max(filled, 1)).Append(']');
        double seconds = now / 1000.0;
        if (last) sb.Append(" - ").Append(Format(seconds)).Append("s");
        else sb.Append(" - ETA: ").Append(Format(seconds / done * (total - done))).Append('s');
        sb.Append(" - loss: ").Append(Format(logs.Loss));
        foreach (var m in logs.Metrics) sb.Append(" - ").Append(m.Name).Append(": ").Append(Format(m.Result()));
        _writer.Write(sb.ToString());
    }

    /// <inheritdoc />
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        var sb = new StringBuilder();
        if (_verbose == 1) sb.Append(' ');
        else sb.Append(Format(_clock.Elapsed.TotalSeconds)).Append('s');
        foreach (var (key, value) in logs)
            sb.Append(" - ").Append(key).Append(": ").Append(Format(value));
        if (_verbose == 1) _writer.Write(sb.ToString());
        else _writer.Write(sb.ToString().TrimStart());
        _writer.WriteLine();
        _writer.Flush();
    }

    private static string Format(double v) => Math.Abs(v) >= 1e-3 || v == 0 || !double.IsFinite(v)
        ? v.ToString("0.0000", CultureInfo.InvariantCulture)
        : v.ToString("0.0000e+00", CultureInfo.InvariantCulture);
}
