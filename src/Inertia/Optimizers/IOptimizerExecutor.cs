namespace Inertia.Optimizers;

/// <summary>
/// Runs the element-wise passes of <see cref="Optimizer.Apply()"/> over the active chunks of the
/// optimizer's <see cref="OptimizerLayout"/>; the pipeline decides everything else. The CPU
/// executor runs chunks on the worker pool; a device executor runs the same passes as kernels.
/// Per-parameter outputs are indexed by the arena's parameter index; an executor writes zero for
/// parameters it has nothing of, and sums each parameter's chunks in chunk order.
/// </summary>
internal interface IOptimizerExecutor
{
    /// <summary>Per parameter: Σ g² in double when <paramref name="sumOfSquares"/>, otherwise 0 if every gradient is finite and NaN if not.</summary>
    void ReduceGradients(bool sumOfSquares, Span<double> perParameter);

    /// <summary>
    /// <see cref="ReduceGradients"/> without the sum of squares, where the parameters flagged in
    /// <paramref name="vouchedFinite"/> are known finite (their partial is 0): an executor may skip
    /// reading them. A device reads them all: only the CPU training step vouches for gradients.
    /// </summary>
    void CheckFinite(ReadOnlySpan<bool> vouchedFinite, Span<double> perParameter) => ReduceGradients(false, perParameter);

    /// <summary>Keras accumulation on a non-final call: <c>acc ← g + acc</c>.</summary>
    void Accumulate();

    /// <summary>Keras accumulation on the final call: <c>g ← (g + acc) / steps</c>, then <c>acc ← 0</c>.</summary>
    void AverageAccumulated(int steps);

    /// <summary>The fused update with the layout's transforms and the optimizer's prepared coefficients; per parameter, how many elements it rejected.</summary>
    void Update(Span<long> rejectedPerParameter);

    /// <summary>Keras EMA: <c>avg ← m·avg + (1 − m)·w</c>.</summary>
    void MovingAverage(float momentum);

    /// <summary>Copies the moving averages into the weights.</summary>
    void CopyAverageToValues();

    /// <summary>Exchanges the weights and their moving averages.</summary>
    void SwapAverage();
}
