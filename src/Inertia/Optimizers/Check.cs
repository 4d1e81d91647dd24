namespace Inertia.Optimizers;

/// <summary>Hyperparameter validation shared by the optimizers: every failure names the argument and its value.</summary>
internal static class Check
{
    public static double NonNegative(double value, string name)
    {
        if (!(value >= 0 && double.IsFinite(value)))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number ≥ 0.");
        return value;
    }

    /// <summary>[0, float.MaxValue]: the weights are float32, and a larger rate makes every update overflow.</summary>
    public static double LearningRate(double value, string name)
    {
        if (!(value >= 0 && value <= float.MaxValue))
            throw new ArgumentOutOfRangeException(name, value,
                $"{name} must be a number in [0, {float.MaxValue:R}]: the weights are float32, so a larger rate would make every update overflow.");
        return value;
    }

    public static double Positive(double value, string name)
    {
        if (!(value > 0 && double.IsFinite(value)))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number > 0.");
        return value;
    }

    /// <summary>[0, 1) — decay rates whose complement divides (β, ρ).</summary>
    public static double UnitOpen(double value, string name)
    {
        if (!(value >= 0 && value < 1))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1).");
        return value;
    }

    /// <summary>[0, 1].</summary>
    public static double UnitClosed(double value, string name)
    {
        if (!(value >= 0 && value <= 1))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1].");
        return value;
    }
}
