namespace Inertia.Optimizers;

/// <summary>
/// The arithmetic an <see cref="IUpdateRule{TCoefficients}"/> is written in, so that one rule runs
/// on the CPU over vectors (<see cref="VectorLanes"/>) and on a device over single floats
/// (<see cref="ScalarLanes"/>, which ILGPU compiles). Every operation is element-wise and rounds as
/// float32 does; none may branch on a lane's value except through <see cref="Signed"/>, <see cref="Max"/>
/// and <see cref="Flush"/>.
/// </summary>
/// <typeparam name="T">The value type of one step: <c>float</c> or a vector of floats.</typeparam>
public interface ILanes<T> where T : struct
{
    /// <summary>A value with every lane <paramref name="value"/> (a step coefficient).</summary>
    static abstract T Splat(float value);

    /// <summary>a + b.</summary>
    static abstract T Add(T a, T b);

    /// <summary>a − b.</summary>
    static abstract T Subtract(T a, T b);

    /// <summary>a·b.</summary>
    static abstract T Multiply(T a, T b);

    /// <summary>a / b.</summary>
    static abstract T Divide(T a, T b);

    /// <summary>√a.</summary>
    static abstract T Sqrt(T a);

    /// <summary>|a|.</summary>
    static abstract T Abs(T a);

    /// <summary>The larger of a and b.</summary>
    static abstract T Max(T a, T b);

    /// <summary>
    /// sign(a)·magnitude for a non-negative magnitude: magnitude where a &gt; 0, −magnitude where
    /// a &lt; 0, +0 where a is ±0 or NaN (and for a zero magnitude). One operation rather than a sign
    /// and a multiply because the vector form is two masks and a subtraction either way (Lion's step).
    /// </summary>
    static abstract T Signed(T a, T magnitude);

    /// <summary>
    /// a, or 0 where |a| is below <see cref="Subnormals.Threshold"/>: what every rule applies to the
    /// slot values it stores, on every backend (see <see cref="Subnormals"/> for why).
    /// </summary>
    static abstract T Flush(T a);
}
