using ILGPU;
using ILGPU.Runtime;

namespace Inertia.Gpu.Optimizers;

/// <summary>A range of one parameter's gradient that one thread group reduces.</summary>
internal struct ReductionChunk
{
    public int Start;
    public int Length;
}

/// <summary>
/// The device passes around the update: sum of squares (which is also the finiteness check: a NaN
/// or infinite gradient makes its chunk's double sum non-finite), accumulation, averaging, EMA.
/// Reductions run in a fixed tree order per chunk and sum chunks in order per parameter, so the
/// result never depends on scheduling.
/// </summary>
internal static class PipelineKernels
{
    public const int MaxGroupSize = 256;

    public static void SumSquares(ArrayView<float> gradients, ArrayView<ReductionChunk> chunks, ArrayView<double> partials)
    {
        var shared = SharedMemory.Allocate<double>(MaxGroupSize);
        var chunk = chunks[Grid.IdxX];
        int lane = Group.IdxX, width = Group.DimX;
        double sum = 0;
        for (int k = lane; k < chunk.Length; k += width)
        {
            double v = gradients[chunk.Start + k];
            sum += v * v;
        }
        shared[lane] = sum;
        Group.Barrier();
        for (int s = width / 2; s > 0; s >>= 1)
        {
            if (lane < s) shared[lane] += shared[lane + s];
            Group.Barrier();
        }
        if (lane == 0) partials[Grid.IdxX] = shared[0];
    }

    /// <summary>squares[p] = Σ partials[first[p] .. first[p + 1]), in chunk order.</summary>
    public static void SumPerParameter(Index1D p, ArrayView<double> partials, ArrayView<int> firstChunk, ArrayView<double> squares)
    {
        double sum = 0;
        for (int c = firstChunk[p]; c < firstChunk[p + 1]; c++) sum += partials[c];
        squares[p] = sum;
    }

    public static void Accumulate(Index1D i, ArrayView<float> accumulator, ArrayView<float> gradients, ArrayView<int> segments, ArrayView<int> active)
    {
        if (active[segments[i >> UpdateKernel.SegmentShift]] == 0) return;
        accumulator[i] = accumulator[i] + gradients[i];
    }

    public static void MeanAndReset(Index1D i, ArrayView<float> gradients, ArrayView<float> accumulator, ArrayView<int> segments, ArrayView<int> active, float steps)
    {
        if (active[segments[i >> UpdateKernel.SegmentShift]] == 0) return;
        gradients[i] = (gradients[i] + accumulator[i]) / steps;
        accumulator[i] = 0f;
    }

    public static void MovingAverage(Index1D i, ArrayView<float> average, ArrayView<float> weights, ArrayView<int> segments, ArrayView<int> active, float momentum)
    {
        if (active[segments[i >> UpdateKernel.SegmentShift]] == 0) return;
        average[i] = momentum * average[i] + (1f - momentum) * weights[i];
    }

    public static void Copy(Index1D i, ArrayView<float> source, ArrayView<float> target, ArrayView<int> segments, ArrayView<int> active)
    {
        if (active[segments[i >> UpdateKernel.SegmentShift]] == 0) return;
        target[i] = source[i];
    }

    public static void Swap(Index1D i, ArrayView<float> a, ArrayView<float> b, ArrayView<int> segments, ArrayView<int> active)
    {
        if (active[segments[i >> UpdateKernel.SegmentShift]] == 0) return;
        float t = a[i];
        a[i] = b[i];
        b[i] = t;
    }
}
