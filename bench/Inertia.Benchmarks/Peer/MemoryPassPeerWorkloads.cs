using System.Numerics.Tensors;
using Inertia.Tensors;
using TorchSharp;

namespace Inertia.Benchmarks.Peer;

/// <summary>
/// The memory-bandwidth references over 10M floats: a minimal fused in-place pass
/// (a ← a + s·b, what a fused optimizer step is bounded by) and a triad (a ← b + s·c).
/// </summary>
internal static class MemoryPassPeerWorkloads
{
    public const int Length = 10_000_000;

    public static IEnumerable<PeerWorkload> Create()
    {
        var a = new AlignedBuffer(Length);
        var b = new AlignedBuffer(Length);
        var c = new AlignedBuffer(Length);
        b.Span.Fill(1f);
        c.Span.Fill(2f);
        var fused = new Pass(a, b, c, triad: false);
        var triad = new Pass(a, b, c, triad: true);
        var ta = torch.zeros(Length);
        var tb = torch.ones(Length);
        var tc = torch.full(Length, 2f);
        double gigabytes(int arrays) => arrays * 4.0 * Length / 1e9;
        yield return new PeerWorkload("memory", "fused in-place a += s·b, 10M", () => Parallelism.For(Pass.Chunks, fused),
            () => ta.add_(tb, alpha: 1e-9), gigabytes(3), "GB/s");
        yield return new PeerWorkload("memory", "triad a = b + s·c, 10M (torch allocates a)", () => Parallelism.For(Pass.Chunks, triad),
            () => torch.add(tb, tc, alpha: 0.5).Dispose(), gigabytes(3), "GB/s");
    }

    private sealed class Pass(AlignedBuffer a, AlignedBuffer b, AlignedBuffer c, bool triad) : IParallelWork
    {
        public const int Chunks = 16;

        public void Execute(int index)
        {
            int start = (int)((long)index * Length / Chunks), end = (int)((long)(index + 1) * Length / Chunks);
            var ra = a.Slice(start, end - start);
            if (triad)
                TensorPrimitives.MultiplyAdd(c.Slice(start, end - start), 0.5f, b.Slice(start, end - start), ra);
            else
                TensorPrimitives.MultiplyAdd(b.Slice(start, end - start), 1e-9f, ra, ra);
        }
    }
}
