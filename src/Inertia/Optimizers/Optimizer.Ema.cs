namespace Inertia.Optimizers;

/// <summary>The exponential moving average of the weights (Keras <c>use_ema</c>).</summary>
public abstract partial class Optimizer
{
    private void UpdateAverage(IOptimizerExecutor executor)
    {
        if (!UseEma) return;
        // Keras: the first call copies the weights (momentum 0), later calls average.
        executor.MovingAverage(Iterations == 0 ? 0f : (float)Options.EmaMomentum);
        if (Options.EmaOverwriteFrequency is { } f && (Iterations + 1) % f == 0)
            executor.CopyAverageToValues();
    }

    /// <summary>
    /// Exchanges the weights of the updated parameters with their moving averages: call once to
    /// evaluate with the averaged weights, again to resume training.
    /// </summary>
    /// <exception cref="InvalidOperationException">EMA is off or the optimizer is not built.</exception>
    public void SwapEmaWeights()
    {
        RequireEma();
        RefreshLayout();
        _executor!.SwapAverage();
    }

    /// <summary>Copies the moving averages into the weights (Keras <c>finalize_variable_values</c>, called at the end of training); does nothing without EMA.</summary>
    public void FinalizeVariableValues()
    {
        if (!UseEma || _executor is null) return;
        RefreshLayout();
        _executor.CopyAverageToValues();
    }

    private void RequireEma()
    {
        if (!UseEma) throw new InvalidOperationException($"Optimizer '{Name}' keeps no weight average: set UseEma in its options.");
        if (_arena is null) throw new InvalidOperationException($"Optimizer '{Name}' is not built: call Build(arena) first.");
    }
}
