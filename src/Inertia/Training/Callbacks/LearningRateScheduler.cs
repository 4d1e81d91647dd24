namespace Inertia.Training.Callbacks;

/// <summary>
/// Sets the learning rate at the start of every epoch from <c>schedule(epoch, currentRate)</c>
/// (Keras <c>LearningRateScheduler</c>).
/// </summary>
public sealed class LearningRateScheduler : Callback
{
    private readonly Func<int, double, double> _schedule;

    /// <summary>Creates the callback from a schedule (epoch index, current rate) → new rate.</summary>
    public LearningRateScheduler(Func<int, double, double> schedule) => _schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The schedule returned a negative or non-finite rate.</exception>
    public override void OnEpochBegin(int epoch)
    {
        var optimizer = Model.Optimizer;
        double rate = _schedule(epoch, optimizer.LearningRate);
        if (!(rate >= 0 && double.IsFinite(rate)))
            throw new InvalidOperationException($"The learning-rate schedule returned {rate} for epoch {epoch}; it must be finite and ≥ 0.");
        optimizer.LearningRate = rate;
    }
}
