using Inertia.Tensors;

namespace Inertia.Autograd;

/// <summary>
/// A value in a recorded computation: a tensor and, when gradients are recorded and some input
/// requires one, the gradient of the final loss with respect to it.
/// </summary>
public sealed class Variable
{
    internal Variable(Tensor value, Tensor? gradient, bool requiresGradient)
    {
        Value = value;
        Gradient = gradient;
        RequiresGradient = requiresGradient;
    }

    /// <summary>The value computed in the forward pass.</summary>
    public Tensor Value { get; internal set; }

    /// <summary>∂loss/∂value after <see cref="Tape.Backward"/>; null when no gradient flows here.</summary>
    public Tensor? Gradient { get; internal set; }

    /// <summary>Whether a gradient flows back through this value.</summary>
    public bool RequiresGradient { get; internal set; }

    /// <summary>The shape of the value.</summary>
    public Shape Shape => Value.Shape;

    /// <summary>The gradient, for ops that only call this when <see cref="RequiresGradient"/> is true.</summary>
    internal Tensor Grad => Gradient!;

    /// <inheritdoc />
    public override string ToString() => $"Variable{Shape}{(RequiresGradient ? " (grad)" : "")}";
}
