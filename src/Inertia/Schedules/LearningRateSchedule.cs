using System.Text.Json;

namespace Inertia.Schedules;

/// <summary>
/// A learning rate as a pure function of the optimizer's raw call counter (Keras
/// <c>LearningRateSchedule</c>): step 0 is the first update. Values are computed in double; the
/// optimizer casts the per-step coefficients it derives from them.
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>The class name written in configs (<c>"ExponentialDecay"</c>, ...).</summary>
    public abstract string ClassName { get; }

    /// <summary>The learning rate for raw step <paramref name="step"/> (0 at the first update).</summary>
    public abstract double Evaluate(long step);

    /// <summary>
    /// The momentum (SGD / RMSprop momentum, or β₁ of the Adam family) this schedule imposes at
    /// <paramref name="step"/>, as PyTorch's OneCycleLR does; null when it leaves momentum alone.
    /// </summary>
    public virtual double? Momentum(long step) => null;

    /// <summary>The constructor arguments by their config names (JSON-serializable values).</summary>
    public abstract IReadOnlyDictionary<string, object> GetConfig();

    /// <summary>The config as JSON: <c>{"class_name": ..., "config": {...}}</c>, as in Keras and the conformance files.</summary>
    public string ToJson() =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["class_name"] = ClassName, ["config"] = GetConfig() });

    /// <summary>Rebuilds a schedule from <see cref="ToJson"/>'s form.</summary>
    /// <exception cref="FormatException">The JSON is malformed, the class is unknown, or a key is unknown or missing.</exception>
    public static LearningRateSchedule FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json);
            return FromJson(doc.RootElement);
        }
        catch (JsonException e)
        {
            throw new FormatException($"Learning-rate schedule JSON is malformed: {e.Message}", e);
        }
    }

    /// <summary>Rebuilds a schedule from a parsed <c>{"class_name": ..., "config": {...}}</c> object.</summary>
    /// <exception cref="FormatException">The class is unknown, or a key is unknown, missing or of the wrong type.</exception>
    public static LearningRateSchedule FromJson(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new FormatException($"A learning-rate schedule must be a JSON object, not {element.ValueKind}.");
        string? className = null;
        JsonElement? config = null;
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "class_name": className = property.Value.GetString(); break;
                case "config": config = property.Value; break;
                case "module" or "registered_name": break;
                default: throw new FormatException($"Unknown key '{property.Name}' in a learning-rate schedule (expected class_name and config).");
            }
        }
        if (className is null || config is null)
            throw new FormatException("A learning-rate schedule needs both 'class_name' and 'config'.");
        var reader = new ScheduleConfigReader(className, config.Value);
        LearningRateSchedule schedule = className switch
        {
            "ExponentialDecay" => ExponentialDecay.FromConfig(reader),
            "PiecewiseConstantDecay" => PiecewiseConstantDecay.FromConfig(reader),
            "PolynomialDecay" => PolynomialDecay.FromConfig(reader),
            "InverseTimeDecay" => InverseTimeDecay.FromConfig(reader),
            "CosineDecay" => CosineDecay.FromConfig(reader),
            "CosineDecayRestarts" => CosineDecayRestarts.FromConfig(reader),
            "OneCycle" => OneCycle.FromConfig(reader),
            "StepLR" => StepLR.FromConfig(reader),
            "ExponentialLR" => ExponentialLR.FromConfig(reader),
            "CosineAnnealingLR" => CosineAnnealingLR.FromConfig(reader),
            _ => throw new FormatException($"Unknown learning-rate schedule class '{className}'."),
        };
        reader.EnsureAllRead();
        return schedule;
    }

    /// <inheritdoc />
    public override string ToString() => ToJson();

    internal static double CheckRate(double value, string name)
    {
        if (!(value >= 0 && double.IsFinite(value)))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number ≥ 0.");
        return value;
    }

    internal static double CheckPositive(double value, string name)
    {
        if (!(value > 0 && double.IsFinite(value)))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number > 0.");
        return value;
    }

    internal static void CheckStep(long step)
    {
        if (step < 0)
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be ≥ 0.");
    }
}
