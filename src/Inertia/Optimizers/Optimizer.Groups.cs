using System.Text.RegularExpressions;
using Inertia.Tensors;

namespace Inertia.Optimizers;

/// <summary>Parameter groups and weight-decay exclusions: which coefficients apply to which parameter.</summary>
public abstract partial class Optimizer
{
    /// <summary>Adds a parameter group; earlier groups win when several match a parameter.</summary>
    public ParameterGroup AddGroup(ParameterGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        _groups.Add(group);
        _layoutDirty = true;
        return group;
    }

    /// <summary>The groups added, in matching order (the default group is implicit).</summary>
    public IReadOnlyList<ParameterGroup> Groups => _groups;

    /// <summary>
    /// Excludes parameters whose name matches any of the regular expressions (searched anywhere in
    /// the name, as Keras <c>exclude_from_weight_decay(var_names=...)</c>) from weight decay and L2.
    /// </summary>
    /// <exception cref="ArgumentException">A pattern is empty or not a valid regular expression.</exception>
    public void ExcludeFromWeightDecay(params string[] namePatterns)
    {
        ArgumentNullException.ThrowIfNull(namePatterns);
        foreach (var pattern in namePatterns)
        {
            ArgumentException.ThrowIfNullOrEmpty(pattern, nameof(namePatterns));
            _decayExclusions.Add(new Regex(pattern, RegexOptions.CultureInvariant));
        }
        _layoutDirty = true;
    }

    /// <summary>Excludes biases and normalization scales/offsets (names ending in <c>/bias</c>, <c>/gamma</c>, <c>/beta</c>) from weight decay.</summary>
    public void ExcludeBiasAndNormalizationFromWeightDecay() => ExcludeFromWeightDecay("/bias$", "/gamma$", "/beta$");

    /// <summary>Whether weight decay applies to <paramref name="parameter"/> (not excluded by name).</summary>
    public bool DecaysWeight(Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return !_decayExclusions.Any(r => r.IsMatch(parameter.Name));
    }
}
