using System.Globalization;

namespace Inertia.Optimizers;

/// <summary>The optimizer's configuration and the helpers derived constructors use for their defaults.</summary>
public abstract partial class Optimizer
{
    /// <summary>
    /// The optimizer's configuration with every hyperparameter resolved, as the factory's settings;
    /// <see cref="OptimizerFactory.FromConfig"/> rebuilds an equivalent optimizer (groups and weight-decay
    /// exclusions are structure, not config, and are not included).
    /// </summary>
    public OptimizerConfig GetConfig()
    {
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = Name,
            ["convention"] = Convention == Convention.Keras ? "keras" : "pytorch",
            ["learningRate"] = _schedule?.ToJson() ?? Format(_constantRate),
        };
        if (Options.WeightDecay is { } wd) settings["weightDecay"] = Format(wd);
        if (Options.DecoupledWeightDecay) settings["decoupledWeightDecay"] = "true";
        if (Options.ClipNorm is { } cn) settings["clipnorm"] = Format(cn);
        if (Options.ClipValue is { } cv) settings["clipvalue"] = Format(cv);
        if (Options.GlobalClipNorm is { } gc) settings["globalClipnorm"] = Format(gc);
        if (Options.UseEma)
        {
            settings["useEma"] = "true";
            settings["emaMomentum"] = Format(Options.EmaMomentum);
            if (Options.EmaOverwriteFrequency is { } f) settings["emaOverwriteFrequency"] = f.ToString(CultureInfo.InvariantCulture);
        }
        if (Options.GradientAccumulationSteps > 1)
            settings["gradientAccumulationSteps"] = Options.GradientAccumulationSteps.ToString(CultureInfo.InvariantCulture);
        if (Options.Maximize) settings["maximize"] = "true";
        if (Options.NonFinite == NonFinitePolicy.Throw) settings["nonFinite"] = "throw";
        AddHyperparameters(settings);
        return new OptimizerConfig(FactoryName, settings);
    }

    /// <summary>Adds the algorithm's own hyperparameters (resolved values) under their camelCase Keras names.</summary>
    protected abstract void AddHyperparameters(IDictionary<string, string> settings);

    /// <summary>The default a hyperparameter takes under the convention of <paramref name="options"/> when the caller gave none.</summary>
    protected static double Default(double? given, OptimizerOptions? options, double keras, double pytorch) =>
        given ?? (options?.Convention == Convention.PyTorch ? pytorch : keras);

    /// <summary>The learning rate given, or the convention's default.</summary>
    protected static LearningRateValue DefaultRate(LearningRateValue? given, OptimizerOptions? options, double keras, double pytorch) =>
        given ?? (options?.Convention == Convention.PyTorch ? pytorch : keras);

    /// <summary>Formats a hyperparameter so that parsing it gives back the same double.</summary>
    protected static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Formats a flag as the factory reads it.</summary>
    protected static string Format(bool value) => value ? "true" : "false";

    /// <inheritdoc />
    public override string ToString() => $"{GetType().Name} '{Name}' ({Convention}, lr {LearningRate}, {Iterations} iterations)";
}
