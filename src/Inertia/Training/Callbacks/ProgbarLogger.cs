using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Inertia.Training.Callbacks;

/// <summary>
/// Plain-text progress as Keras's <c>ProgbarLogger</c> prints it. Verbose 1: on a terminal, a bar
/// rewritten in place with batches done, ETA and the running loss and metrics, then one final line
/// per epoch holding each of the epoch's logs once; written anywhere else (a file, a pipe), only that
/// final line, with no <c>\r</c>. Verbose 2: one line per epoch without the bar. Fit adds one
/// writing to the console when its <c>verbose</c> is not 0.
/// </summary>
public sealed class ProgbarLogger : Callback
{
    private const int BarWidth = 30;
    private readonly TextWriter _writer;
    private readonly int _verbose;
    private readonly bool _interactive;
    private readonly Stopwatch _clock = new();
    private long _lastDraw;
    private int _drawnLength;
    private int _batches;

    /// <summary>Creates the logger.</summary>
    /// <param name="writer">Where to write (e.g. <see cref="Console.Out"/>).</param>
    /// <param name="verbose">1 for the bar, 2 for one line per epoch.</param>
    /// <param name="interactive">Whether <paramref name="writer"/> is a terminal that honours <c>\r</c>
    /// (Keras's <c>io_utils.is_interactive</c>): only then is the bar redrawn during the epoch.</param>
    public ProgbarLogger(TextWriter writer, int verbose = 1, bool interactive = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (verbose is not (1 or 2)) throw new ArgumentOutOfRangeException(nameof(verbose), verbose, "verbose must be 1 or 2.");
        _writer = writer;
        _verbose = verbose;
        _interactive = interactive;
    }

    /// <summary>Total epochs shown in "Epoch i/n"; Fit sets it to its <c>epochs</c>.</summary>
    public int Epochs { get; internal set; }

    /// <inheritdoc />
    public override void OnEpochBegin(int epoch)
    {
        _writer.WriteLine(Epochs > 0 ? $"Epoch {epoch + 1}/{Epochs}" : $"Epoch {epoch + 1}");
        _clock.Restart();
        _lastDraw = -1000;
        _drawnLength = 0;
        _batches = 0;
    }

    /// <inheritdoc />
    public override void OnBatchEnd(int batch, BatchLogs logs)
    {
        _batches = logs.BatchesPerEpoch;
        // The epoch's last batch is drawn by OnEpochEnd, which also knows the validation logs.
        if (_verbose != 1 || !_interactive || batch + 1 == logs.BatchesPerEpoch) return;
        long now = _clock.ElapsedMilliseconds;
        // Redrawing costs far more than a small step; 10 times a second is enough for a human.
        if (now - _lastDraw < 100) return;
        _lastDraw = now;
        int done = batch + 1;
        var sb = Bar(done, logs.BatchesPerEpoch);
        sb.Append(" - ETA: ").Append(Duration(now / 1000.0 / done * (logs.BatchesPerEpoch - done)));
        sb.Append(" - loss: ").Append(Format(logs.Loss));
        foreach (var m in logs.Metrics) sb.Append(" - ").Append(m.Name).Append(": ").Append(Format(m.Result()));
        Redraw(sb);
    }

    /// <inheritdoc />
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        double seconds = _clock.Elapsed.TotalSeconds;
        var sb = _verbose == 1 ? Bar(_batches, _batches).Append(" - ") : new StringBuilder();
        sb.Append(Duration(seconds));
        if (_batches > 0) sb.Append(' ').Append(PerStep(seconds / _batches));
        foreach (var (key, value) in logs)
            sb.Append(" - ").Append(key).Append(": ").Append(Format(value));
        if (_drawnLength > 0) Redraw(sb);
        else _writer.Write(sb.ToString());
        _writer.WriteLine();
        _writer.Flush();
    }

    /// <summary>Whole seconds under a minute ("7s"), else m:ss or h:mm:ss, as Keras shows ETA and epoch time.</summary>
    internal static string Duration(double seconds)
    {
        long s = (long)Math.Round(seconds, MidpointRounding.AwayFromZero);
        if (s < 60) return s.ToString(CultureInfo.InvariantCulture) + "s";
        if (s < 3600) return string.Create(CultureInfo.InvariantCulture, $"{s / 60}:{s % 60:00}");
        return string.Create(CultureInfo.InvariantCulture, $"{s / 3600}:{s / 60 % 60:00}:{s % 60:00}");
    }

    private static string PerStep(double seconds) => seconds >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{seconds:0}s/step")
        : seconds >= 1e-3
            ? string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e3:0}ms/step")
            : string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e6:0}us/step");

    private static StringBuilder Bar(int done, int total)
    {
        var sb = new StringBuilder();
        string width = total.ToString(CultureInfo.InvariantCulture);
        sb.Append(done.ToString(CultureInfo.InvariantCulture).PadLeft(width.Length)).Append('/').Append(width).Append(" [");
        int filled = total == 0 ? BarWidth : (int)((long)BarWidth * done / total);
        bool complete = done == total;
        sb.Append('=', Math.Max(0, filled - 1)).Append(filled > 0 ? (complete ? '=' : '>') : ' ').Append('.', BarWidth - Math.Max(filled, 1)).Append(']');
        return sb;
    }

    // Overwrites the line in place; spaces blank out the rest of a longer previous draw.
    private void Redraw(StringBuilder line)
    {
        int length = line.Length;
        if (length < _drawnLength) line.Append(' ', _drawnLength - length);
        _writer.Write('\r');
        _writer.Write(line.ToString());
        _writer.Flush();
        _drawnLength = length;
    }

    private static string Format(double v) => Math.Abs(v) >= 1e-3 || v == 0 || !double.IsFinite(v)
        ? v.ToString("0.0000", CultureInfo.InvariantCulture)
        : v.ToString("0.0000e+00", CultureInfo.InvariantCulture);
}
