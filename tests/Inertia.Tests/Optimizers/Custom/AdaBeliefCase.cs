using Inertia.Tensors;

namespace Inertia.Tests.Optimizers.Custom;

/// <summary>The case both backends run: two parameters, five steps of seeded gradients.</summary>
public static class AdaBeliefCase
{
    public const double LearningRate = 1e-2;
    public const double Epsilon = 1e-8;

    public static (ParameterArena Arena, double[][] Gradients) Create()
    {
        var arena = new ParameterArena([new Parameter("dense/kernel", new Shape(7, 5)), new Parameter("dense/bias", new Shape(5))]);
        var random = new Random(11);
        foreach (ref float w in arena.Values.Span) w = 0f;
        foreach (var p in arena.Parameters)
            for (int i = 0; i < p.Size; i++) p.Value.Span[i] = (float)(random.NextDouble() - 0.5);
        int length = (int)arena.ParameterCount;
        var gradients = Enumerable.Range(0, 5).Select(_ => Enumerable.Range(0, length).Select(_ => (double)(float)(random.NextDouble() - 0.5)).ToArray()).ToArray();
        return (arena, gradients);
    }

    public static ReferenceRun Reference(ParameterArena arena) => new(arena);

    public static void SetGradients(ParameterArena arena, double[] gradients)
    {
        int k = 0;
        foreach (var p in arena.Parameters)
            for (int i = 0; i < p.Size; i++) p.Gradient.Span[i] = (float)gradients[k++];
    }

    public static void AssertClose(double[] expected, ParameterArena arena)
    {
        int k = 0;
        foreach (var p in arena.Parameters)
            for (int i = 0; i < p.Size; i++, k++)
                Assert.True(Math.Abs(p.Value.Span[i] - expected[k]) <= 1e-6 + 1e-5 * Math.Abs(expected[k]),
                    $"{p.Name}[{i}]: {p.Value.Span[i]} differs from the double reference {expected[k]}.");
    }

    public sealed class ReferenceRun
    {
        private readonly AdaBeliefReference _reference;

        public ReferenceRun(ParameterArena arena)
        {
            Weights = arena.Parameters.SelectMany(p => p.Value.ToArray().Select(v => (double)v)).ToArray();
            _reference = new AdaBeliefReference(Weights.Length, LearningRate, 0.9, 0.999, Epsilon);
        }

        public double[] Weights { get; }

        public void Step(double[] gradients) => _reference.Step(Weights, gradients);
    }
}
