namespace Inertia.Tensors;

/// <summary>
/// The dimensions of a row-major tensor. Immutable; equality is by value, so shapes can be
/// compared and used as dictionary keys.
/// </summary>
public sealed class Shape : IEquatable<Shape>
{
    private readonly int[] _dims;

    /// <summary>Creates a shape from its dimensions; every dimension must be ≥ 0.</summary>
    /// <exception cref="ArgumentException">A dimension is negative or the element count overflows.</exception>
    public Shape(params int[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        long size = 1;
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] < 0)
                throw new ArgumentException($"Dimension {i} of shape {Format(dims)} is negative.", nameof(dims));
            size *= dims[i];
            if (size > int.MaxValue)
                throw new ArgumentException($"Shape {Format(dims)} has more than {int.MaxValue} elements.", nameof(dims));
        }
        _dims = (int[])dims.Clone();
        Size = (int)size;
    }

    /// <summary>Number of dimensions.</summary>
    public int Rank => _dims.Length;

    /// <summary>Number of elements (the product of the dimensions; 1 for a scalar).</summary>
    public int Size { get; }

    /// <summary>The size of dimension <paramref name="axis"/>; negative axes count from the end.</summary>
    public int this[int axis] => _dims[axis < 0 ? axis + _dims.Length : axis];

    /// <summary>A copy of the dimensions.</summary>
    public int[] ToArray() => (int[])_dims.Clone();

    /// <summary>The dimensions without copying.</summary>
    public ReadOnlySpan<int> Dimensions => _dims;

    /// <summary>This shape with the first dimension replaced (e.g. a new batch size).</summary>
    public Shape WithFirst(int first)
    {
        var d = ToArray();
        d[0] = first;
        return new Shape(d);
    }

    /// <summary>This shape without its first dimension (the per-sample shape of a batch).</summary>
    public Shape DropFirst() => new(_dims[1..]);

    /// <summary>Throws <see cref="ArgumentException"/> naming both shapes when they differ.</summary>
    public static void CheckSame(Shape expected, Shape actual, string what)
    {
        if (!expected.Equals(actual))
            throw new ArgumentException($"{what}: expected shape {expected}, got {actual}.");
    }

    /// <inheritdoc />
    public bool Equals(Shape? other) => other is not null && _dims.AsSpan().SequenceEqual(other._dims);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Shape);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var d in _dims) h.Add(d);
        return h.ToHashCode();
    }

    /// <summary>Formats like Keras and NumPy: <c>(32, 784)</c>.</summary>
    public override string ToString() => Format(_dims);

    private static string Format(int[] dims) =>
        dims.Length == 1 ? $"({dims[0]},)" : "(" + string.Join(", ", dims) + ")";

    /// <summary>Value equality.</summary>
    public static bool operator ==(Shape? a, Shape? b) => a is null ? b is null : a.Equals(b);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(Shape? a, Shape? b) => !(a == b);
}
