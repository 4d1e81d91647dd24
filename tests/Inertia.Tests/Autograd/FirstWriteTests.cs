using Inertia.Autograd;
using Inertia.Autograd.Ops;
using Inertia.Layers;
using Inertia.Losses;
using Inertia.Tensors;

namespace Inertia.Tests.Autograd;

/// <summary>
/// Gradient buffers are not zeroed before a training pass: the first op to write one stores its
/// result, later ones add. That must give exactly the bits of adding to zeros (IEEE: 0 + x = x
/// except that −0 becomes +0), and a buffer's stale contents, NaN included, must never leak.
/// </summary>
[Collection(ProcessWideThreadsCollection.Name)]
public unsafe class FirstWriteTests
{
    public static TheoryData<string> Kernels() =>
        new(Enum.GetValues<GemmKernelKind>().Where(GemmKernels.IsSupported).Select(k => k.ToString()));

    [Theory]
    [MemberData(nameof(Kernels))]
    public void A_gemm_with_beta_zero_stores_the_bits_that_beta_one_adds_to_zeros_signed_zeros_included(string kernel)
    {
        // Products of −1 and +0 are −0; sums of them, and of cancelling terms, are where a stored
        // sum could differ from 0 + sum.
        var random = new Random(5);
        float[] choices = [-1f, -0f, 0f, 1f, 0.5f, -0.5f];
        foreach (var (m, n, k) in new[] { (7, 13, 3), (32, 300, 64), (300, 100, 32), (5, 9, 1100) })
        {
            var a = new float[m * k];
            var b = new float[k * n];
            for (int i = 0; i < a.Length; i++) a[i] = choices[random.Next(choices.Length)];
            for (int i = 0; i < b.Length; i++) b[i] = i % 3 == 0 ? -0f : choices[random.Next(choices.Length)];
            var stored = new float[m * n];
            var added = new float[m * n];
            Array.Fill(stored, float.NaN);
            fixed (float* pa = a, pb = b, ps = stored, pd = added)
            {
                Gemm.Multiply(Enum.Parse<GemmKernelKind>(kernel), false, false, m, n, k, 1f, pa, k, pb, n, 0f, ps, n);
                Gemm.Multiply(Enum.Parse<GemmKernelKind>(kernel), false, false, m, n, k, 1f, pa, k, pb, n, 1f, pd, n);
            }
            Assert.Contains(added, v => v == 0f);
            for (int i = 0; i < added.Length; i++)
                Assert.Equal(BitConverter.SingleToInt32Bits(added[i]), BitConverter.SingleToInt32Bits(stored[i]));
        }
    }

    [Fact]
    public void A_tape_whose_buffers_and_arena_hold_NaN_from_an_earlier_pass_gives_the_gradients_of_a_fresh_zeroed_one()
    {
        var x = GradientCheck.Random(new Shape(16, 12), 2);
        var y = new Tensor(new Shape(16));
        for (int i = 0; i < 16; i++) y[i] = i % 10;
        var poisoned = x.Clone();
        poisoned[3, 4] = float.NaN;

        var (fresh, freshArena) = Network();
        var freshTape = new Tape();
        freshArena.ZeroGradients();
        freshTape.Reset();
        Pass(fresh, freshTape, x, y);

        var (stale, staleArena) = Network();
        var staleTape = new Tape();
        staleTape.Reset(parameterGradientsStale: true);
        Pass(stale, staleTape, poisoned, y);
        Assert.Contains(staleArena.Gradients.Span.ToArray(), float.IsNaN);
        staleTape.Reset(parameterGradientsStale: true);
        Pass(stale, staleTape, x, y);
        staleTape.ZeroGradientsNotWritten(staleArena);

        var expected = freshArena.Gradients.Span.ToArray();
        var actual = staleArena.Gradients.Span.ToArray();
        for (int i = 0; i < expected.Length; i++)
            Assert.Equal(BitConverter.SingleToInt32Bits(expected[i]), BitConverter.SingleToInt32Bits(actual[i]));
    }

    [Fact]
    public void A_gradient_no_op_writes_reads_as_zero_after_backward()
    {
        var tape = new Tape();
        var w = new Parameter("w", new Shape(3));
        var unused = new Parameter("unused", new Shape(2));
        var arena = new ParameterArena([w, unused]);
        arena.Gradients.Span.Fill(float.NaN);
        tape.Reset(parameterGradientsStale: true);
        var wv = tape.Parameter(w);
        var deadEnd = tape.Relu(tape.Parameter(unused));
        tape.Backward(tape.Sum(wv));
        tape.ZeroGradientsNotWritten(arena);
        Assert.Equal([1f, 1f, 1f], w.Gradient.Span.ToArray());
        Assert.Equal([0f, 0f], unused.Gradient.Span.ToArray());
        Assert.Equal([0f, 0f], deadEnd.Gradient!.Span.ToArray());
    }

    private static (Layer[] Layers, ParameterArena Arena) Network()
    {
        var layers = new Layer[]
        {
            new Dense(16, "relu", name: "dense"),
            new BatchNormalization(name: "batch_normalization"),
            new PReLU(name: "p_re_lu"),
            new Dense(10, name: "dense_1"),
        };
        var shape = new Shape(12);
        foreach (var l in layers) shape = l.Build(shape);
        var arena = new ParameterArena(layers.SelectMany(l => l.Parameters));
        foreach (var l in layers) l.InitializeWeights(1);
        return (layers, arena);
    }

    private static void Pass(Layer[] layers, Tape tape, Tensor x, Tensor y)
    {
        var h = tape.Constant(x);
        foreach (var l in layers) h = l.Call(tape, h, training: true);
        tape.Backward(new SparseCategoricalCrossentropy(fromLogits: true).Call(tape, h, y));
    }
}
