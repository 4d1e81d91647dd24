using Inertia.Tensors;

namespace Inertia.Optimizers;

public abstract partial class Optimizer
{
    /// <summary>
    /// The CPU executor: each pass runs the active chunks through <see cref="Parallelism.For"/> with
    /// this one reused work object, so a step allocates nothing and every element's arithmetic is
    /// independent of the thread count. Per-chunk partials go to fixed arrays and are added per
    /// parameter in chunk order, so norms and counts are thread-count independent too.
    /// </summary>
    private sealed class CpuExecutor(Optimizer owner, OptimizerLayout layout) : IOptimizerExecutor, IParallelWork
    {
        private readonly double[] _chunkPartials = new double[layout.Chunks.Length];
        private readonly int[] _chunkRejected = new int[layout.Chunks.Length];
        private readonly int[] _unvouched = new int[layout.Chunks.Length];
        private int[] _run = [];
        private Pass _pass;
        private float _argument;

        public void ReduceGradients(bool sumOfSquares, Span<double> perParameter)
        {
            Run(sumOfSquares ? Pass.SumSquares : Pass.CheckFinite);
            AddPartials(layout.Active, layout.ActiveCount, perParameter);
        }

        public void CheckFinite(ReadOnlySpan<bool> vouchedFinite, Span<double> perParameter)
        {
            int count = 0;
            for (int i = 0; i < layout.ActiveCount; i++)
                if (!vouchedFinite[layout.Chunks[layout.Active[i]].Parameter]) _unvouched[count++] = layout.Active[i];
            if (count > 0) RunOver(_unvouched, count, Pass.CheckFinite);
            AddPartials(_unvouched, count, perParameter);
        }

        // Per parameter, in chunk order, so the sums never depend on the thread count.
        private void AddPartials(int[] chunks, int count, Span<double> perParameter)
        {
            perParameter.Clear();
            for (int i = 0; i < count; i++)
                perParameter[layout.Chunks[chunks[i]].Parameter] += _chunkPartials[chunks[i]];
        }

        public void Accumulate() => Run(Pass.Accumulate);

        public void AverageAccumulated(int steps) => Run(Pass.Average, steps);

        public void Update(Span<long> rejectedPerParameter)
        {
            Run(Pass.Update);
            rejectedPerParameter.Clear();
            for (int i = 0; i < layout.ActiveCount; i++)
                rejectedPerParameter[layout.Chunks[layout.Active[i]].Parameter] += _chunkRejected[layout.Active[i]];
        }

        public void MovingAverage(float momentum) => Run(Pass.Ema, momentum);

        public void CopyAverageToValues() => Run(Pass.CopyAverageToValues);

        public void SwapAverage() => Run(Pass.Swap);

        private void Run(Pass pass, float argument = 0f) => RunOver(layout.Active, layout.ActiveCount, pass, argument);

        private void RunOver(int[] chunks, int count, Pass pass, float argument = 0f)
        {
            _run = chunks;
            _pass = pass;
            _argument = argument;
            Parallelism.For(count, this);
        }

        public void Execute(int index)
        {
            int id = _run[index];
            var chunk = layout.Chunks[id];
            var arena = layout.Arena;
            int local = chunk.Start - layout.Start;
            var gradients = arena.Gradients.Slice(chunk.Start, chunk.Length);
            switch (_pass)
            {
                case Pass.CheckFinite:
                    _chunkPartials[id] = ChunkKernels.NonFiniteMarker(gradients);
                    break;
                case Pass.SumSquares:
                    _chunkPartials[id] = ChunkKernels.SumOfSquares(gradients);
                    break;
                case Pass.Accumulate:
                    ChunkKernels.AddInto(owner._accumulator!.Slice(local, chunk.Length), gradients);
                    break;
                case Pass.Average:
                    ChunkKernels.MeanAndReset(gradients, owner._accumulator!.Slice(local, chunk.Length), _argument);
                    break;
                case Pass.Update:
                    _chunkRejected[id] = owner.UpdateRange(layout.ParameterGroup[chunk.Parameter], layout.Transform(chunk.Parameter), chunk.Start, chunk.Length);
                    break;
                case Pass.Ema:
                    ChunkKernels.MovingAverage(owner._average!.Slice(local, chunk.Length), arena.Values.Slice(chunk.Start, chunk.Length), _argument);
                    break;
                case Pass.CopyAverageToValues:
                    owner._average!.Slice(local, chunk.Length).CopyTo(arena.Values.Slice(chunk.Start, chunk.Length));
                    break;
                case Pass.Swap:
                    ChunkKernels.Swap(owner._average!.Slice(local, chunk.Length), arena.Values.Slice(chunk.Start, chunk.Length));
                    break;
            }
        }

        private enum Pass
        {
            CheckFinite,
            SumSquares,
            Accumulate,
            Average,
            Update,
            Ema,
            CopyAverageToValues,
            Swap,
        }
    }
}
