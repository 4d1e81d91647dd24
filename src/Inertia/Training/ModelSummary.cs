using System.Globalization;
using System.Text;
using Inertia.Tensors;

namespace Inertia.Training;

public sealed partial class Sequential
{
    /// <summary>
    /// A Keras-like table of the layers (name and type, output shape with <c>None</c> for the
    /// batch, parameter count) and the total, trainable and non-trainable parameter counts.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model is not built.</exception>
    public string Summary()
    {
        if (!IsBuilt) throw NotBuilt();
        const int c1 = 33, c2 = 26, c3 = 14;
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        string rule = new('_', c1 + c2 + c3);
        sb.Append("Model: \"").Append(Name).Append("\"\n").Append(rule).Append('\n');
        sb.Append(Row("Layer (type)", "Output Shape", "Param #")).Append('\n');
        sb.Append(new string('=', c1 + c2 + c3)).Append('\n');
        for (int i = 0; i < _layers.Count; i++)
        {
            var l = _layers[i];
            long count = l.TrainableParameterCount + l.NonTrainableParameterCount;
            sb.Append(Row($"{l.Name} ({l.GetType().Name})", BatchShape(l.OutputShape!), count.ToString("N0", inv))).Append('\n');
            if (i < _layers.Count - 1) sb.Append('\n');
        }
        sb.Append(new string('=', c1 + c2 + c3)).Append('\n');
        long trainable = TrainableParameterCount, frozen = NonTrainableParameterCount;
        sb.Append(Total("Total params", trainable + frozen));
        sb.Append(Total("Trainable params", trainable));
        sb.Append(Total("Non-trainable params", frozen));
        sb.Append(rule).Append('\n');
        return sb.ToString();

        string Row(string a, string b, string c) => (" " + a).PadRight(c1) + b.PadRight(c2) + c.PadLeft(c3 - 4);
        string Total(string label, long n) => $"{label}: {n.ToString("N0", inv)} ({Bytes(n * sizeof(float))})\n";
    }

    /// <summary>A per-sample shape with the batch axis as Keras prints it: <c>(None, 300)</c>.</summary>
    internal static string BatchShape(Shape shape) =>
        "(None" + string.Concat(shape.ToArray().Select(d => ", " + d.ToString(CultureInfo.InvariantCulture))) + ")";

    private static string Bytes(long bytes)
    {
        var inv = CultureInfo.InvariantCulture;
        if (bytes < 1024) return bytes.ToString(inv) + " B";
        if (bytes < 1024 * 1024) return (bytes / 1024.0).ToString("0.00", inv) + " KB";
        return (bytes / (1024.0 * 1024)).ToString("0.00", inv) + " MB";
    }
}
