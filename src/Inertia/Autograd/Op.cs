namespace Inertia.Autograd;

/// <summary>
/// One recorded operation. Concrete ops keep their inputs and their output variable, and are
/// reused by the tape pass after pass (same position, same type), so steady-state training
/// allocates nothing.
/// </summary>
public abstract class Op
{
    /// <summary>Adds this op's contribution to the gradients of its inputs, from the output's gradient.</summary>
    internal abstract void Backward();
}
