namespace Inertia.Cli.Options;

/// <summary>
/// The model options before the data is known: the widths are checked against the data's feature
/// and class counts once it is loaded, and default to the chapter's hidden layers 300-100.
/// </summary>
internal sealed record ModelOptions(IReadOnlyList<int>? Widths, string Activation, string Initializer, bool BatchNormalization)
{
    public static readonly IReadOnlyList<int> ChapterHidden = [300, 100];

    public static readonly IReadOnlyList<OptionSpec> Specs =
    [
        new("model", "WIDTHS", "layer widths inputs-hidden...-classes (default: the chapter's 784-300-100-10, inputs and classes taken from the data)"),
        new("activation", "NAME", "hidden-layer activation: relu, leaky_relu, elu, selu, gelu, swish, mish, tanh, sigmoid (default relu)"),
        new("initializer", "NAME", "hidden-layer kernel initializer: he_normal, he_uniform, glorot_uniform, glorot_normal, lecun_normal, lecun_uniform (default he_normal)"),
        new("batch-norm", null, "add BatchNormalization after every hidden Dense layer"),
    ];

    public static ModelOptions From(ParsedArguments args) => new(
        args.Get("model") is { } m ? ModelSpec.ParseWidths(m) : null,
        args.Get("activation") ?? "relu",
        args.Get("initializer") ?? "he_normal",
        args.Has("batch-norm"));

    /// <summary>The model for data with <paramref name="features"/> inputs and <paramref name="classes"/> classes.</summary>
    public ModelSpec Resolve(int features, int classes)
    {
        if (Widths is null)
            return new ModelSpec([features, .. ChapterHidden, classes], Activation, Initializer, BatchNormalization);
        if (Widths[0] != features)
            throw new UsageException($"option '--model' starts with {Widths[0]} inputs but the data has {features} features per sample");
        if (Widths[^1] != classes)
            throw new UsageException($"option '--model' ends with {Widths[^1]} outputs but the data has {classes} classes");
        return new ModelSpec(Widths, Activation, Initializer, BatchNormalization);
    }
}
