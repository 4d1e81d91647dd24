using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Inertia.Tensors;

/// <summary>
/// A block of float32 memory whose first element is 64-byte aligned (one cache line, one
/// AVX-512 vector) and that never moves: it lives on the pinned object heap, so kernels on
/// worker threads may hold raw pointers into it. Large buffers are backed by huge pages where
/// the system offers them (<see cref="HugePages"/>).
/// </summary>
public sealed class AlignedBuffer
{
    /// <summary>Alignment of element 0, in bytes.</summary>
    public const int AlignmentBytes = 64;

    /// <summary>Alignment of element 0, in floats.</summary>
    public const int AlignmentFloats = AlignmentBytes / sizeof(float);

    /// <summary>Allocates <paramref name="length"/> zeroed floats.</summary>
    public AlignedBuffer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Array = GC.AllocateArray<float>(length + AlignmentFloats, pinned: true);
        Offset = MisalignmentToSkip(Array);
        Length = length;
        unsafe { HugePages.Advise(Pointer, (long)length * sizeof(float)); }
    }

    /// <summary>The backing array (pinned). Element 0 of the buffer is <c>Array[Offset]</c>.</summary>
    public float[] Array { get; }

    /// <summary>Index of element 0 of the buffer in <see cref="Array"/>.</summary>
    public int Offset { get; }

    /// <summary>Number of floats.</summary>
    public int Length { get; }

    /// <summary>The whole buffer.</summary>
    public Span<float> Span => Array.AsSpan(Offset, Length);

    /// <summary>A sub-range of the buffer.</summary>
    public Span<float> Slice(int start, int length) => Array.AsSpan(Offset + start, length);

    /// <summary>Pointer to element 0; valid for the buffer's lifetime because the array is pinned.</summary>
    public unsafe float* Pointer => (float*)Unsafe.AsPointer(ref Array[Offset]);

    private static unsafe int MisalignmentToSkip(float[] array)
    {
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        int misaligned = (int)(address % AlignmentBytes);
        return misaligned == 0 ? 0 : (AlignmentBytes - misaligned) / sizeof(float);
    }
}
