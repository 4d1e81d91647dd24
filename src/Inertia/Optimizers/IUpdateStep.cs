namespace Inertia.Optimizers;

/// <summary>
/// An <see cref="IUpdateRule{TCoefficients}"/> with one step's coefficients already in lanes
/// (each one <see cref="ILanes{T}.Splat"/>-ed once, its flags read once): what the CPU loop runs
/// per vector, so that nothing in its body depends on the step but the data.
/// </summary>
/// <typeparam name="T">The value type of one step: <c>float</c> or a vector of floats.</typeparam>
public interface IUpdateStep<T> where T : struct
{
    /// <summary>The rule's update of one element (or one vector of elements); see <see cref="IUpdateRule{TCoefficients}.Apply"/>.</summary>
    T Apply(T weight, T gradient, ref T slot0, ref T slot1, ref T slot2);
}
