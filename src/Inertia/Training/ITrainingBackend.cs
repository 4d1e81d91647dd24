using Inertia.Optimizers;
using Inertia.Tensors;

namespace Inertia.Training;

/// <summary>
/// Runs the training steps of a compiled <see cref="Sequential"/> somewhere other than the CPU
/// engine (Inertia.Gpu implements it for NVIDIA GPUs, so the core library needs no GPU
/// dependency). Attached with <see cref="Sequential.UseBackend"/>, it takes over
/// <see cref="Sequential.TrainOnBatch"/> and each step of <see cref="Sequential.Fit"/>; the batch
/// order, validation, metrics, callbacks and events stay the model's, so Fit means the same on
/// every backend.
/// </summary>
public interface ITrainingBackend
{
    /// <summary>
    /// One training step on one batch with the model's loss and optimizer: forward in training
    /// mode, backward, optimizer update.
    /// </summary>
    /// <param name="x">The batch's inputs, (rows, …input shape).</param>
    /// <param name="y">The batch's targets, rows first.</param>
    /// <param name="predictions">When not null, (rows, …output shape): receives the model's
    /// training-mode outputs for the batch, which the model's metrics read.</param>
    /// <returns>The batch's loss, and what the optimizer did (updated, skipped a non-finite gradient, overflowed, ...).</returns>
    (float Loss, StepResult Result) TrainOnBatch(Tensor x, Tensor y, Tensor? predictions);

    /// <summary>What the backend's most recent overflowed update rejected (<see cref="StepResult.Overflowed"/>), or null.</summary>
    UpdateOverflow? LastOverflow { get; }

    /// <summary>
    /// Copies the trained weights and layer state back into the model's arena and layers, and the
    /// optimizer's state (slots, counters) into the model's <see cref="Sequential.Optimizer"/>, so the
    /// model can save a resumable checkpoint or continue on the CPU.
    /// </summary>
    void CopyToModel();

    /// <summary>Optimizer updates applied so far, counted as <see cref="Optimizers.Optimizer.Iterations"/> is.</summary>
    long Iterations { get; }

    /// <summary>The learning rate the next update uses (the schedule evaluated at the backend's step count).</summary>
    double LearningRate { get; }
}
