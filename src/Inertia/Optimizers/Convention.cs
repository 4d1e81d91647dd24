namespace Inertia.Optimizers;

/// <summary>
/// Whose numerics an optimizer reproduces where Keras 3 and PyTorch differ (epsilon placement,
/// weight decay, defaults, momentum form, clipping epsilon).
/// </summary>
public enum Convention
{
    /// <summary>Keras 3: decoupled weight decay, Keras defaults and epsilon placement.</summary>
    Keras,

    /// <summary>PyTorch <c>torch.optim</c>: L2 weight decay into the gradient (unless decoupled), PyTorch defaults and epsilon placement.</summary>
    PyTorch,
}
