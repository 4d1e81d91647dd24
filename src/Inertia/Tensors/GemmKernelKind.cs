using System.Runtime.Intrinsics.X86;

namespace Inertia.Tensors;

/// <summary>The register-blocked micro-kernels GEMM can run; each fixes its tile (MR × NR).</summary>
internal enum GemmKernelKind
{
    /// <summary>4 × 8 tile in Vector128 registers; runs on any hardware.</summary>
    Portable,

    /// <summary>6 × 16 tile: 12 ymm accumulators, AVX2 + FMA.</summary>
    Avx2Fma,

    /// <summary>12 × 32 tile: 24 zmm accumulators, AVX-512F.</summary>
    Avx512,
}

/// <summary>Tile geometry and availability of each <see cref="GemmKernelKind"/>.</summary>
internal static class GemmKernels
{
    /// <summary>The fastest kernel this CPU runs.</summary>
    public static readonly GemmKernelKind Best =
        IsSupported(GemmKernelKind.Avx512) ? GemmKernelKind.Avx512
        : IsSupported(GemmKernelKind.Avx2Fma) ? GemmKernelKind.Avx2Fma
        : GemmKernelKind.Portable;

    public static bool IsSupported(GemmKernelKind kind) => kind switch
    {
        // The JIT reports Vector512 as not accelerated on CPUs where 512-bit code downclocks.
        GemmKernelKind.Avx512 => Avx512F.IsSupported,
        GemmKernelKind.Avx2Fma => Avx2.IsSupported && Fma.IsSupported,
        _ => true,
    };

    /// <summary>Rows of C one micro-kernel call produces (MR).</summary>
    public static int TileRows(GemmKernelKind kind) => kind switch
    {
        GemmKernelKind.Avx512 => GemmKernelAvx512.Rows,
        GemmKernelKind.Avx2Fma => GemmKernelAvx2.Rows,
        _ => GemmKernelPortable.Rows,
    };

    /// <summary>Columns of C one micro-kernel call produces (NR).</summary>
    public static int TileColumns(GemmKernelKind kind) => kind switch
    {
        GemmKernelKind.Avx512 => GemmKernelAvx512.Columns,
        GemmKernelKind.Avx2Fma => GemmKernelAvx2.Columns,
        _ => GemmKernelPortable.Columns,
    };
}
