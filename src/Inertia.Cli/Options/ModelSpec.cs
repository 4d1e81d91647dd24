using System.Globalization;

namespace Inertia.Cli.Options;

/// <summary>
/// The MLP to train: layer widths from input features to classes (<c>784-300-100-10</c>), the
/// hidden layers' activation and kernel initializer, and whether each hidden Dense is followed by
/// batch normalization.
/// </summary>
internal sealed record ModelSpec(IReadOnlyList<int> Widths, string Activation, string Initializer, bool BatchNormalization)
{
    public static readonly ModelSpec Chapter = new([784, 300, 100, 10], "relu", "he_normal", false);

    public int Inputs => Widths[0];

    public int Classes => Widths[^1];

    public IEnumerable<int> Hidden => Widths.Skip(1).Take(Widths.Count - 2);

    public static IReadOnlyList<int> ParseWidths(string text)
    {
        var parts = text.Split('-');
        if (parts.Length < 2)
            throw new UsageException($"option '--model' needs widths like 784-300-100-10 (inputs-hidden...-classes), got '{text}'");
        var widths = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out widths[i]) || widths[i] < 1)
                throw new UsageException($"option '--model' needs positive whole widths like 784-300-100-10, got '{text}'");
        return widths;
    }

    public override string ToString() =>
        string.Join("-", Widths) + $" ({Activation}, {Initializer}{(BatchNormalization ? ", batch norm" : "")})";
}
