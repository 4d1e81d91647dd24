using System.Numerics;
using System.Runtime.CompilerServices;

namespace Inertia.Optimizers;

/// <summary>The CPU's lanes: <see cref="Vector{T}"/> of float, the width <see cref="UpdateLoop"/> runs every rule at.</summary>
public readonly struct VectorLanes : ILanes<Vector<float>>
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Splat(float value) => new(value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Add(Vector<float> a, Vector<float> b) => a + b;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Subtract(Vector<float> a, Vector<float> b) => a - b;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Multiply(Vector<float> a, Vector<float> b) => a * b;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Divide(Vector<float> a, Vector<float> b) => a / b;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Sqrt(Vector<float> a) => Vector.SquareRoot(a);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Abs(Vector<float> a) => Vector.Abs(a);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Max(Vector<float> a, Vector<float> b) => Vector.Max(a, b);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Signed(Vector<float> a, Vector<float> magnitude) =>
        Vector.ConditionalSelect(Vector.GreaterThan(a, Vector<float>.Zero), magnitude, Vector<float>.Zero)
        - Vector.ConditionalSelect(Vector.LessThan(a, Vector<float>.Zero), magnitude, Vector<float>.Zero);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Flush(Vector<float> a) => Subnormals.Flush(a);
}
