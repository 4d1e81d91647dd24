namespace Inertia.Training;

/// <summary>What happened during <see cref="Sequential.Fit"/> that the per-epoch numbers alone do not show.</summary>
public enum TrainingEventKind
{
    /// <summary>A batch's loss was NaN or infinite (training is diverging).</summary>
    NonFiniteLoss,

    /// <summary>The optimizer skipped a step because a gradient was not finite (its non-finite policy).</summary>
    SkippedStep,

    /// <summary>
    /// An update overflowed with finite gradients: the elements whose new weight or optimizer state
    /// would have been NaN or infinite kept their previous values (<see cref="Optimizers.StepResult.Overflowed"/>).
    /// </summary>
    OverflowedStep,

    /// <summary>A callback set <see cref="Sequential.StopTraining"/> (e.g. EarlyStopping, TerminateOnNaN).</summary>
    Stopped,

    /// <summary>The cancellation token was cancelled; Fit stopped between two batches.</summary>
    Cancelled,
}

/// <summary>One notable event of a Fit run.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Epoch">Epoch index (0-based).</param>
/// <param name="Batch">Batch index within the epoch (0-based); −1 for events between epochs.</param>
/// <param name="Step">Optimizer iteration count when it happened.</param>
/// <param name="Message">Human-readable description.</param>
public sealed record TrainingEvent(TrainingEventKind Kind, int Epoch, int Batch, long Step, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"epoch {Epoch + 1}, batch {Batch + 1}: {Message}";
}
