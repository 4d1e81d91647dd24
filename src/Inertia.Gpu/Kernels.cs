using ILGPU;
using ILGPU.Runtime;
using Inertia.Gpu.Optimizers;
using Inertia.Gpu.Training;
using Inertia.Optimizers;

namespace Inertia.Gpu;

/// <summary>
/// Every kernel of the backend, compiled on first use for one accelerator and then reused (ILGPU
/// compiles a kernel to PTX once per accelerator; the launch delegates are cached here).
/// </summary>
internal sealed class Kernels(Accelerator accelerator)
{
    private readonly Dictionary<Type, Delegate> _updates = [];

    public Accelerator Accelerator => accelerator;

    /// <summary>Threads per group for the reductions and the tiled GEMM: 256 on a GPU, the simulator's maximum on the CPU accelerator.</summary>
    public int GroupSize { get; } = Math.Min(PipelineKernels.MaxGroupSize, HighestPowerOfTwo(accelerator.MaxNumThreadsPerGroup));

    /// <summary>Side of the GEMM tile (16 on a GPU).</summary>
    public int TileSize { get; } = Math.Min(GemmKernels.MaxTile, (int)Math.Sqrt(HighestPowerOfTwo(accelerator.MaxNumThreadsPerGroup)));

    /// <summary>The fused update compiled for one optimizer's rule (once per rule type and accelerator).</summary>
    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>,
        ArrayView<ParameterCoefficients>, ArrayView<TCoefficients>, float, ArrayView<int>> Update<TRule, TCoefficients>()
        where TRule : struct, IUpdateRule<TCoefficients>
        where TCoefficients : unmanaged
    {
        if (!_updates.TryGetValue(typeof(TRule), out var kernel))
        {
            kernel = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
                ArrayView<float>, ArrayView<int>, ArrayView<ParameterCoefficients>, ArrayView<TCoefficients>, float, ArrayView<int>>(UpdateKernel.Run<TRule, TCoefficients>);
            _updates[typeof(TRule)] = kernel;
        }
        return (Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>,
            ArrayView<ParameterCoefficients>, ArrayView<TCoefficients>, float, ArrayView<int>>)kernel;
    }

    public Action<KernelConfig, ArrayView<float>, ArrayView<ReductionChunk>, ArrayView<double>> SumSquares =>
        field ??= accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<ReductionChunk>, ArrayView<double>>(PipelineKernels.SumSquares);

    public Action<Index1D, ArrayView<double>, ArrayView<int>, ArrayView<double>> SumPerParameter =>
        field ??= accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<int>, ArrayView<double>>(PipelineKernels.SumPerParameter);

    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>> Accumulate =>
        field ??= accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>>(PipelineKernels.Accumulate);

    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, float> MeanAndReset =>
        field ??= accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, float>(PipelineKernels.MeanAndReset);

    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, float> MovingAverage =>
        field ??= accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, float>(PipelineKernels.MovingAverage);

    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>> Copy =>
        field ??= accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>>(PipelineKernels.Copy);

    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>> Swap =>
        field ??= accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>>(PipelineKernels.Swap);

    public Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmShape> Gemm =>
        field ??= accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmShape>(GemmKernels.Tiled);

    public Action<Index1D, ArrayView<float>, ArrayView<float>, int> BiasAdd =>
        field ??= accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, int>(NetworkKernels.BiasAdd);

    public Action<Index1D, ArrayView<float>, int> Activate =>
        field ??= accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, int>(NetworkKernels.Activate);

    public Action<Index1D, ArrayView<float>, ArrayView<float>, int> ActivationBackward =>
        field ??= accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, int>(NetworkKernels.ActivationBackward);

    public Action<Index1D, ArrayView<float>, ArrayView<float>, int, int, int> ColumnSums =>
        field ??= accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, int, int, int>(NetworkKernels.ColumnSums);

    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int, int> SoftmaxCrossEntropy =>
        field ??= accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int, int>(NetworkKernels.SoftmaxCrossEntropy);

    public Action<Index1D, ArrayView<float>, int, int, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
        ArrayView<float>, ArrayView<float>, ArrayView<float>, BatchNormSettings> BatchNormStatistics =>
        field ??= accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, int, int, ArrayView<float>, ArrayView<float>, ArrayView<float>,
            ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, BatchNormSettings>(NetworkKernels.BatchNormStatistics);

    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int> Affine =>
        field ??= accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>(NetworkKernels.Affine);

    public Action<Index1D, ArrayView<float>, ArrayView<float>, int, int, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
        ArrayView<float>, ArrayView<float>, BatchNormSettings> BatchNormGradientSums =>
        field ??= accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, int, int, ArrayView<float>, ArrayView<float>,
            ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, BatchNormSettings>(NetworkKernels.BatchNormGradientSums);

    public Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, ArrayView<float>, ArrayView<float>, ArrayView<float>,
        ArrayView<float>, ArrayView<float>, int> BatchNormInputGradient =>
        field ??= accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, ArrayView<float>,
            ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>(NetworkKernels.BatchNormInputGradient);

    private static int HighestPowerOfTwo(int value)
    {
        int p = 1;
        while (p * 2 <= value) p *= 2;
        return p;
    }
}
