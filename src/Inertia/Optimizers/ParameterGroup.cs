using System.Text.RegularExpressions;
using Inertia.Tensors;

namespace Inertia.Optimizers;

/// <summary>
/// Parameters selected by name pattern or predicate that share a learning-rate multiplier, a
/// weight decay and a frozen flag (layer-wise rates when fine-tuning reused layers). A parameter
/// belongs to the first group added to the optimizer that matches it, else to the default group.
/// </summary>
public sealed class ParameterGroup
{
    private readonly Func<Parameter, bool> _matches;
    private readonly double _learningRateMultiplier = 1.0;
    private readonly double? _weightDecay;

    /// <summary>A group of the parameters whose name matches the regular expression <paramref name="namePattern"/> (searched, as Keras does).</summary>
    /// <exception cref="ArgumentException">The pattern is not a valid regular expression.</exception>
    public ParameterGroup(string namePattern)
    {
        ArgumentException.ThrowIfNullOrEmpty(namePattern);
        var regex = new Regex(namePattern, RegexOptions.CultureInvariant);
        _matches = p => regex.IsMatch(p.Name);
        Description = $"/{namePattern}/";
    }

    /// <summary>A group of the parameters for which <paramref name="predicate"/> is true.</summary>
    public ParameterGroup(Func<Parameter, bool> predicate, string description = "predicate")
    {
        ArgumentNullException.ThrowIfNull(predicate);
        _matches = predicate;
        Description = description;
    }

    /// <summary>How the group selects parameters (for messages).</summary>
    public string Description { get; }

    /// <summary>Factor applied to the optimizer's learning rate for this group (≥ 0). Default 1.</summary>
    public double LearningRateMultiplier
    {
        get => _learningRateMultiplier;
        init
        {
            if (!(value >= 0 && double.IsFinite(value)))
                throw new ArgumentOutOfRangeException(nameof(LearningRateMultiplier), value, "LearningRateMultiplier must be a finite number ≥ 0.");
            _learningRateMultiplier = value;
        }
    }

    /// <summary>Weight decay of this group, replacing the optimizer's; null keeps the optimizer's.</summary>
    public double? WeightDecay
    {
        get => _weightDecay;
        init
        {
            if (value is { } v && !(v >= 0 && double.IsFinite(v)))
                throw new ArgumentOutOfRangeException(nameof(WeightDecay), v, "WeightDecay must be a finite number ≥ 0.");
            _weightDecay = value;
        }
    }

    /// <summary>Whether the group's parameters are left entirely alone (no value, slot or average change).</summary>
    public bool Frozen { get; init; }

    internal bool Matches(Parameter parameter) => _matches(parameter);

    /// <inheritdoc />
    public override string ToString() => $"group {Description} (lr ×{LearningRateMultiplier}, weight decay {WeightDecay?.ToString() ?? "inherited"}{(Frozen ? ", frozen" : "")})";
}
