using System.Text;
using Inertia.Optimizers;

namespace Inertia.Cli.Options;

/// <summary>
/// Setting names as a user may write them: the factory's camelCase (<c>learningRate</c>, <c>beta1</c>)
/// or Keras's snake_case (<c>learning_rate</c>, <c>beta_1</c>, <c>global_clipnorm</c>, <c>use_ema</c>),
/// plus Keras's legacy <c>lr</c>. An optimizer's own hyperparameters are read from its
/// <see cref="Optimizer.GetConfig"/>, so the list follows the library.
/// </summary>
internal static class SettingKeys
{
    /// <summary>The settings <see cref="OptimizerFactory.Create"/> reads for every optimizer (its <see cref="OptimizerOptions"/>).</summary>
    private static readonly string[] Common =
    [
        "learningRate", "weightDecay", "decoupledWeightDecay", "clipnorm", "clipvalue", "globalClipnorm", "useEma",
        "emaMomentum", "emaOverwriteFrequency", "gradientAccumulationSteps", "maximize", "nonFinite", "convention", "name",
    ];

    private static readonly Dictionary<string, string> Legacy = new(StringComparer.Ordinal) { ["lr"] = "learningRate" };

    /// <summary>Every setting <paramref name="optimizer"/> takes: its own hyperparameters first, then the common ones.</summary>
    public static IReadOnlyList<string> Valid(string optimizer)
    {
        // Some of PyTorch's settings (dampening, lrDecay) appear in the config only under its convention.
        var pytorch = new Dictionary<string, string> { ["convention"] = "pytorch" };
        return OptimizerFactory.Create(optimizer).GetConfig().Settings.Keys
            .Union(OptimizerFactory.Create(optimizer, pytorch).GetConfig().Settings.Keys)
            .Where(k => !Common.Contains(k)).Order(StringComparer.Ordinal).Concat(Common).ToList();
    }

    /// <summary>The factory's name for <paramref name="key"/>, however it was spelled; an unknown key is a one-line error listing the valid ones.</summary>
    public static string Canonical(string optimizer, string key)
    {
        var valid = Valid(optimizer);
        string camel = Legacy.GetValueOrDefault(key) ?? CamelCase(key);
        if (valid.FirstOrDefault(v => string.Equals(v, camel, StringComparison.OrdinalIgnoreCase)) is { } match)
            return match;
        throw new UsageException($"optimizer '{optimizer}' has no setting '{key}'{DidYouMean.Hint(camel, valid)} "
            + $"(valid: {string.Join(", ", valid)}; Keras's spellings such as learning_rate and beta_1 work too)");
    }

    /// <summary>Keras's snake_case to the factory's camelCase: learning_rate → learningRate, beta_1 → beta1.</summary>
    private static string CamelCase(string key)
    {
        var parts = key.Split('_', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length <= 1) return key;
        var sb = new StringBuilder(parts[0]);
        foreach (string p in parts.Skip(1)) sb.Append(char.ToUpperInvariant(p[0])).Append(p[1..]);
        return sb.ToString();
    }
}
