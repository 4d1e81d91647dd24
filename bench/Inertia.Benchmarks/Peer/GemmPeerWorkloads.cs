using Inertia.Tensors;
using TorchSharp;

namespace Inertia.Benchmarks.Peer;

/// <summary>SGEMM on both sides: <see cref="Gemm.Multiply"/> against <c>torch.matmul</c> on the same data.</summary>
internal static unsafe class GemmPeerWorkloads
{
    public static IEnumerable<PeerWorkload> Create()
    {
        foreach (var shape in GemmShape.All())
        {
            var random = new Random(1);
            int aRows = shape.TransposeA ? shape.K : shape.M, aCols = shape.TransposeA ? shape.M : shape.K;
            int bRows = shape.TransposeB ? shape.N : shape.K, bCols = shape.TransposeB ? shape.K : shape.N;
            var a = Filled(aRows * aCols, random);
            var b = Filled(bRows * bCols, random);
            var c = new AlignedBuffer(shape.M * shape.N);
            var ta = torch.tensor(a.Span.ToArray(), [aRows, aCols]);
            var tb = torch.tensor(b.Span.ToArray(), [bRows, bCols]);
            var opA = shape.TransposeA ? ta.t() : ta;
            var opB = shape.TransposeB ? tb.t() : tb;
            yield return new PeerWorkload("SGEMM", shape.Name, InertiaMultiply(shape, a, aCols, b, bCols, c),
                () => torch.matmul(opA, opB).Dispose(),
                shape.Flops / 1e9, "GFLOP/s");
        }
    }

    // Iterators cannot hold pointer code, so the Inertia side is built here.
    private static Action InertiaMultiply(GemmShape s, AlignedBuffer a, int lda, AlignedBuffer b, int ldb, AlignedBuffer c) =>
        () => Gemm.Multiply(s.TransposeA, s.TransposeB, s.M, s.N, s.K, 1f, a.Pointer, lda, b.Pointer, ldb, 0f, c.Pointer, s.N);

    private static AlignedBuffer Filled(int length, Random random)
    {
        var buffer = new AlignedBuffer(length);
        for (int i = 0; i < length; i++) buffer.Span[i] = (float)(random.NextDouble() * 2 - 1);
        return buffer;
    }
}
