using ILGPU;
using ILGPU.Runtime;
using Inertia.Gpu.Training;

namespace Inertia.Gpu.Tests.Kernels;

/// <summary>Each layer kernel against its definition evaluated in double on random data.</summary>
[Collection(CpuAcceleratorCollection.Name)]
public class NetworkKernelTests(CpuAccelerator device)
{
    private Inertia.Gpu.Kernels K => device.Context.Kernels;

    [Theory]
    [InlineData((int)ActivationKind.Relu)]
    [InlineData((int)ActivationKind.Sigmoid)]
    [InlineData((int)ActivationKind.Tanh)]
    public void Activation_and_its_derivative_match_their_definitions(int activation)
    {
        var kind = (ActivationKind)activation;
        var x = Values(257, 1);
        var dy = Values(257, 2);
        using var y = device.Context.Accelerator.Allocate1D(x);
        using var g = device.Context.Accelerator.Allocate1D(dy);
        K.Activate(x.Length, y.View, (int)kind);
        K.ActivationBackward(x.Length, g.View, y.View, (int)kind);
        var ys = y.GetAsArray1D();
        var gs = g.GetAsArray1D();
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i];
            (double f, double d) = kind switch
            {
                ActivationKind.Relu => (Math.Max(v, 0), v > 0 ? 1.0 : 0.0),
                ActivationKind.Sigmoid => (1 / (1 + Math.Exp(-v)), 1 / (1 + Math.Exp(-v)) * (1 - 1 / (1 + Math.Exp(-v)))),
                _ => (Math.Tanh(v), 1 - Math.Tanh(v) * Math.Tanh(v)),
            };
            Assert.True(Math.Abs(ys[i] - f) <= 2e-6, $"{kind}({v}) = {ys[i]}, expected {f}");
            Assert.True(Math.Abs(gs[i] - dy[i] * d) <= 2e-6, $"{kind}'({v}) gradient {gs[i]}, expected {dy[i] * d}");
        }
    }

    [Fact]
    public void Softmax_cross_entropy_from_logits_gives_the_mean_loss_and_softmax_minus_onehot_over_n()
    {
        const int rows = 9, classes = 7;
        var logits = Values(rows * classes, 3, scale: 4);
        var labels = Enumerable.Range(0, rows).Select(r => (float)(r * 5 % classes)).ToArray();
        using var x = device.Context.Accelerator.Allocate1D(logits);
        using var t = device.Context.Accelerator.Allocate1D(labels);
        using var loss = device.Context.Accelerator.Allocate1D<float>(rows);
        K.SoftmaxCrossEntropy(rows, x.View, t.View, loss.View, rows, classes, 1, 1);
        var grad = x.GetAsArray1D();
        var rowLoss = loss.GetAsArray1D();
        for (int r = 0; r < rows; r++)
        {
            var row = logits.Skip(r * classes).Take(classes).Select(v => (double)v).ToArray();
            double max = row.Max(), sum = row.Sum(v => Math.Exp(v - max));
            int label = (int)labels[r];
            Assert.True(Math.Abs(rowLoss[r] - (Math.Log(sum) - (row[label] - max))) <= 1e-5);
            for (int j = 0; j < classes; j++)
            {
                double p = Math.Exp(row[j] - max) / sum;
                Assert.True(Math.Abs(grad[r * classes + j] - (p - (j == label ? 1 : 0)) / rows) <= 1e-6);
            }
        }
    }

    [Fact]
    public void Batch_norm_normalizes_each_feature_and_its_input_gradient_matches_finite_differences()
    {
        const int rows = 6, width = 5;
        var accelerator = device.Context.Accelerator;
        var x = Values(rows * width, 4, scale: 3);
        var gamma = Values(width, 5);
        var beta = Values(width, 6);
        var dy = Values(rows * width, 7);
        var settings = new BatchNormSettings { Epsilon = 1e-3f, Keep = 0.99f, Take = 0.01f, Training = 1, HasGamma = 1, HasBeta = 1 };
        double Loss(float[] input)
        {
            var (y, _) = Run(input);
            return y.Select((v, i) => (double)v * dy[i]).Sum();
        }
        (float[] Y, float[] Dx) Run(float[] input)
        {
            using var dx = accelerator.Allocate1D<float>(rows * width);
            using var xs = accelerator.Allocate1D(input);
            using var ys = accelerator.Allocate1D<float>(rows * width);
            using var g = accelerator.Allocate1D(gamma);
            using var b = accelerator.Allocate1D(beta);
            using var mm = accelerator.Allocate1D<float>(width);
            using var mv = accelerator.Allocate1D<float>(width);
            using var mean = accelerator.Allocate1D<float>(width);
            using var inv = accelerator.Allocate1D<float>(width);
            using var scale = accelerator.Allocate1D<float>(width);
            using var shift = accelerator.Allocate1D<float>(width);
            using var sd = accelerator.Allocate1D<float>(width);
            using var sdx = accelerator.Allocate1D<float>(width);
            using var dg = accelerator.Allocate1D<float>(width);
            using var dbeta = accelerator.Allocate1D<float>(width);
            using var dys = accelerator.Allocate1D(dy);
            dg.MemSetToZero();
            dbeta.MemSetToZero();
            K.BatchNormStatistics(width, xs.View, rows, width, g.View, b.View, mm.View, mv.View, mean.View, inv.View, scale.View, shift.View, settings);
            K.Affine(rows * width, xs.View, ys.View, scale.View, shift.View, width);
            K.BatchNormGradientSums(width, xs.View, dys.View, rows, width, mean.View, inv.View, sd.View, sdx.View, dg.View, dbeta.View, settings);
            K.BatchNormInputGradient(rows * width, xs.View, dys.View, dx.View, rows, width, mean.View, inv.View, scale.View, sd.View, sdx.View, 1);
            return (ys.GetAsArray1D(), dx.GetAsArray1D());
        }
        var (y0, dx0) = Run(x);
        for (int c = 0; c < width; c++)
        {
            var column = Enumerable.Range(0, rows).Select(r => (double)x[r * width + c]).ToArray();
            double mu = column.Average(), variance = column.Sum(v => (v - mu) * (v - mu)) / rows;
            for (int r = 0; r < rows; r++)
            {
                double expected = gamma[c] * (column[r] - mu) / Math.Sqrt(variance + 1e-3) + beta[c];
                Assert.True(Math.Abs(y0[r * width + c] - expected) <= 1e-5, $"y[{r},{c}] = {y0[r * width + c]}, expected {expected}");
            }
        }
        for (int i = 0; i < x.Length; i += 3)
        {
            var plus = (float[])x.Clone();
            var minus = (float[])x.Clone();
            plus[i] += 1e-2f;
            minus[i] -= 1e-2f;
            double numeric = (Loss(plus) - Loss(minus)) / 2e-2;
            Assert.True(Math.Abs(dx0[i] - numeric) <= 2e-3 * (1 + Math.Abs(numeric)), $"dx[{i}] = {dx0[i]}, finite difference {numeric}");
        }
    }

    private static float[] Values(int count, int seed, double scale = 1)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2 - 1) * scale)).ToArray();
    }
}
