using ILGPU;
using ILGPU.Runtime;

namespace Inertia.Gpu.Training;

/// <summary>Shape and strides of one row-major GEMM C = α·op(A)·op(B) + β·C.</summary>
internal struct GemmShape
{
    public int M;
    public int N;
    public int K;
    public int Lda;
    public int Ldb;
    public int Ldc;
    public int TransA;
    public int TransB;
    public float Alpha;
    public float Beta;
}

/// <summary>
/// The ILGPU tiled SGEMM used when cuBLAS cannot be loaded (and on the CPU accelerator): each group
/// computes one T×T tile of C, staging T×T tiles of op(A) and op(B) in shared memory; each output
/// element sums k in ascending order, so its rounding is the same at any grid size.
/// </summary>
internal static class GemmKernels
{
    public const int MaxTile = 16;

    public static void Tiled(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, GemmShape s)
    {
        var tileA = SharedMemory.Allocate<float>(MaxTile * MaxTile);
        var tileB = SharedMemory.Allocate<float>(MaxTile * MaxTile);
        int tile = Group.DimX;
        int tx = Group.IdxX, ty = Group.IdxY;
        int row = Grid.IdxY * tile + ty, col = Grid.IdxX * tile + tx;
        float sum = 0f;
        for (int k0 = 0; k0 < s.K; k0 += tile)
        {
            int ka = k0 + tx, kb = k0 + ty;
            tileA[ty * MaxTile + tx] = row < s.M && ka < s.K ? a[s.TransA != 0 ? ka * s.Lda + row : row * s.Lda + ka] : 0f;
            tileB[ty * MaxTile + tx] = kb < s.K && col < s.N ? b[s.TransB != 0 ? col * s.Ldb + kb : kb * s.Ldb + col] : 0f;
            Group.Barrier();
            for (int k = 0; k < tile; k++) sum += tileA[ty * MaxTile + k] * tileB[k * MaxTile + tx];
            Group.Barrier();
        }
        if (row < s.M && col < s.N)
        {
            int index = row * s.Ldc + col;
            c[index] = s.Beta == 0f ? s.Alpha * sum : s.Alpha * sum + s.Beta * c[index];
        }
    }
}
