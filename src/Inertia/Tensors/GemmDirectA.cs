using System.Runtime.CompilerServices;

namespace Inertia.Tensors;

/// <summary>
/// Lets the AVX2 and portable micro-kernels read op(A) where it lies instead of from a packed
/// copy. A kernel broadcasts one element of each of its rows per k step, so any layout with a
/// fixed distance between rows (<c>aRow</c>) and between k steps (<c>aStep</c>) serves: packed
/// (1, MR), A as stored (lda, 1), Aᵀ as stored (1, lda). The arithmetic is the same whichever
/// layout feeds it, so the direct and packed paths give the same bits.
/// </summary>
/// <remarks>
/// Reading in place saves the packing pass and its fork-join: for the products of a training
/// step (batch rows, or a weight gradient over a short batch) the pack was a second parallel
/// region per call, and where n is small A is used by so few B panels that the copy was most
/// of the work.
/// </remarks>
internal static class GemmDirectA
{
    /// <summary>
    /// Whether <paramref name="kernel"/> reads A through a row stride and step. The AVX-512
    /// kernels still read packed panels only: this change was made on an AVX2-only machine,
    /// where they could not be tested.
    /// </summary>
    public static bool Supports(GemmKernelKind kernel) => kernel != GemmKernelKind.Avx512;

    /// <summary>
    /// Offsets of rows 1 .. 5 of a panel. Rows past the last real one (an edge panel) read the
    /// last real row again, so nothing outside op(A) is touched; their sums are never written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (nint, nint, nint, nint, nint) RowOffsets(nint aRow, int rows)
    {
        int last = rows - 1;
        return (Math.Min(1, last) * aRow, Math.Min(2, last) * aRow, Math.Min(3, last) * aRow,
            Math.Min(4, last) * aRow, Math.Min(5, last) * aRow);
    }
}
