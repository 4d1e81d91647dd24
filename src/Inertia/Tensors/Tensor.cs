using System.Runtime.CompilerServices;

namespace Inertia.Tensors;

/// <summary>
/// A float32, row-major tensor: a shape over a range of a pinned array. Several tensors may
/// view the same array (parameters are views into their model's arena).
/// </summary>
public sealed class Tensor
{
    /// <summary>Allocates a zeroed tensor of the given shape on the pinned heap.</summary>
    public Tensor(Shape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        Shape = shape;
        Data = GC.AllocateArray<float>(Math.Max(shape.Size, 1), pinned: true);
        Offset = 0;
    }

    /// <summary>Allocates a zeroed tensor with the given dimensions.</summary>
    public Tensor(params int[] dims) : this(new Shape(dims)) { }

    /// <summary>
    /// A view of <paramref name="shape"/>.Size elements of <paramref name="data"/> starting at
    /// <paramref name="offset"/>. The array must be pinned if kernels take pointers into it.
    /// </summary>
    public Tensor(float[] data, int offset, Shape shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        if (offset < 0 || (long)offset + shape.Size > data.Length)
            throw new ArgumentOutOfRangeException(nameof(offset),
                $"A view of shape {shape} at offset {offset} does not fit in an array of length {data.Length}.");
        Data = data;
        Offset = offset;
        Shape = shape;
    }

    /// <summary>Copies <paramref name="values"/> into a new tensor of the given dimensions.</summary>
    /// <exception cref="ArgumentException">The number of values does not match the shape.</exception>
    public static Tensor FromArray(float[] values, params int[] dims)
    {
        ArgumentNullException.ThrowIfNull(values);
        var shape = new Shape(dims);
        if (values.Length != shape.Size)
            throw new ArgumentException($"{values.Length} values do not fill shape {shape} ({shape.Size} elements).", nameof(values));
        var t = new Tensor(shape);
        values.CopyTo(t.Span);
        return t;
    }

    /// <summary>The shape.</summary>
    public Shape Shape { get; }

    /// <summary>Number of elements.</summary>
    public int Size => Shape.Size;

    /// <summary>The backing array.</summary>
    public float[] Data { get; }

    /// <summary>Index of element 0 in <see cref="Data"/>.</summary>
    public int Offset { get; }

    /// <summary>The elements, row-major.</summary>
    public Span<float> Span => Data.AsSpan(Offset, Shape.Size);

    /// <summary>Element by flat (row-major) index.</summary>
    public ref float this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Shape.Size)
                throw new IndexOutOfRangeException($"Index {index} is outside a tensor of shape {Shape}.");
            return ref Data[Offset + index];
        }
    }

    /// <summary>Element (row, column) of a rank-2 tensor.</summary>
    public ref float this[int row, int column]
    {
        get
        {
            if (Shape.Rank != 2 || (uint)row >= (uint)Shape[0] || (uint)column >= (uint)Shape[1])
                throw new IndexOutOfRangeException($"Index ({row}, {column}) is outside a tensor of shape {Shape}.");
            return ref Data[Offset + row * Shape[1] + column];
        }
    }

    /// <summary>A view with another shape of the same size (no copy).</summary>
    /// <exception cref="ArgumentException">The sizes differ.</exception>
    public Tensor Reshape(Shape shape)
    {
        if (shape.Size != Size)
            throw new ArgumentException($"Cannot reshape {Shape} ({Size} elements) to {shape} ({shape.Size} elements).", nameof(shape));
        return new Tensor(Data, Offset, shape);
    }

    /// <summary>A view of rows [<paramref name="start"/>, start + count) along the first axis.</summary>
    public Tensor SliceRows(int start, int count)
    {
        int rows = Shape[0];
        if (start < 0 || count < 0 || start + count > rows)
            throw new ArgumentOutOfRangeException(nameof(start), $"Rows [{start}, {start + count}) are outside a tensor of shape {Shape}.");
        int rowSize = rows == 0 ? 0 : Size / rows;
        return new Tensor(Data, Offset + start * rowSize, Shape.WithFirst(count));
    }

    /// <summary>A deep copy with its own storage.</summary>
    public Tensor Clone()
    {
        var t = new Tensor(Shape);
        Span.CopyTo(t.Span);
        return t;
    }

    /// <summary>Copies the elements into a new array.</summary>
    public float[] ToArray() => Span.ToArray();

    /// <summary>Pointer to element 0; valid while the backing array is pinned.</summary>
    public unsafe float* Pointer => (float*)Unsafe.AsPointer(ref Data[Offset]);

    /// <inheritdoc />
    public override string ToString() => $"Tensor{Shape}";
}
