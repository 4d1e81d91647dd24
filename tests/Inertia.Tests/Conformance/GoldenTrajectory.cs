using System.Globalization;
using System.Text.Json;
using Inertia.Optimizers;
using Inertia.Tensors;

namespace Inertia.Tests.Conformance;

/// <summary>
/// One golden trajectory file, read once: its optimizer, its problem laid into float32
/// parameters (one per <c>variables</c> slice), and the README's checks of every recorded step:
/// |ours − golden| ≤ 2e-5·max(1, |golden|) + 10·relative_noise_6e-8. Shared by the CPU suite and
/// the device suite, which differ only in where the step runs.
/// </summary>
internal sealed class GoldenTrajectory
{
    /// <summary>Reads parameter values as one flat span (host memory, or a copy downloaded from a device).</summary>
    public delegate ReadOnlySpan<float> Reader(Parameter parameter);

    private readonly double[] _a, _c;
    private readonly (int Start, int End)[] _slices;
    private readonly double _noise;
    private readonly double[]? _learningRates;
    private readonly Dictionary<int, double[]> _params;
    private readonly Dictionary<int, double[]>? _ema;

    public GoldenTrajectory(JsonElement root)
    {
        GoldenCase.RejectUnknownFields(root);
        Optimizer = GoldenCase.CreateOptimizer(root);
        var problem = root.GetProperty("problem");
        _a = Doubles(problem.GetProperty("a"));
        _c = Doubles(problem.GetProperty("c"));
        double[] p0 = Doubles(root.GetProperty("initial_params"));
        Steps = root.GetProperty("steps").GetInt32();
        _noise = root.GetProperty("sensitivity").GetProperty("relative_noise_6e-8").GetDouble();
        _slices = root.GetProperty("variables").EnumerateArray().Select(v => (Start: v[0].GetInt32(), End: v[1].GetInt32())).ToArray();
        Assert.Equal(p0.Length, _slices[^1].End);

        Parameters = _slices.Select((s, i) => new Parameter($"var{i}", new Shape(s.End - s.Start))).ToArray();
        Arena = new ParameterArena(Parameters);
        for (int i = 0; i < _slices.Length; i++)
            for (int j = _slices[i].Start; j < _slices[i].End; j++)
                Parameters[i].Value.Span[j - _slices[i].Start] = (float)p0[j];

        _learningRates = root.TryGetProperty("lr_used_per_step", out var lr) ? Doubles(lr) : null;
        _params = Checkpoints(root, "params_after_step");
        _ema = root.TryGetProperty("ema_after_step", out _) ? Checkpoints(root, "ema_after_step") : null;
        Assert.NotEmpty(_params);
        Assert.True(_params.Keys.Max() <= Steps);
    }

    /// <summary>The optimizer the file describes, not yet built.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The parameters, holding the file's start point.</summary>
    public Parameter[] Parameters { get; }

    /// <summary>The host arena of <see cref="Parameters"/>.</summary>
    public ParameterArena Arena { get; }

    /// <summary>Number of optimizer calls the file records.</summary>
    public int Steps { get; }

    /// <summary>Writes gᵢ = 2aᵢ(pᵢ − cᵢ) + 0.1·cos(pᵢ) at the current host values into the host gradients.</summary>
    public void WriteGradients()
    {
        for (int i = 0; i < _slices.Length; i++)
        {
            var value = Parameters[i].Value.Span;
            var gradient = Parameters[i].Gradient.Span;
            for (int j = _slices[i].Start; j < _slices[i].End; j++)
            {
                double x = value[j - _slices[i].Start];
                gradient[j - _slices[i].Start] = (float)(2 * _a[j] * (x - _c[j]) + 0.1 * Math.Cos(x));
            }
        }
    }

    /// <summary>Checks the learning rate call <paramref name="step"/> (1-based) is about to use, where the file records it.</summary>
    public void CheckLearningRate(int step, double ours)
    {
        if (_learningRates is null) return;
        double golden = _learningRates[step - 1];
        Assert.True(Math.Abs(ours - golden) <= 1e-9 * Math.Abs(golden) + 1e-15,
            $"learning rate of call {step}: ours {ours:R}, golden {golden:R}");
    }

    /// <summary>Whether the parameters after call <paramref name="step"/> are recorded.</summary>
    public bool RecordsParametersAfter(int step) => _params.ContainsKey(step);

    /// <summary>Whether the EMA weights after call <paramref name="step"/> are recorded.</summary>
    public bool RecordsAverageAfter(int step) => _ema?.ContainsKey(step) == true;

    /// <summary>Holds the parameters after call <paramref name="step"/> to the tolerance.</summary>
    public void CheckParameters(int step, Reader read) => Compare("params", step, read, _params[step]);

    /// <summary>Holds the EMA weights after call <paramref name="step"/> to the tolerance.</summary>
    public void CheckAverage(int step, Reader read) => Compare("ema", step, read, _ema![step]);

    private void Compare(string what, int step, Reader read, double[] golden)
    {
        for (int i = 0; i < _slices.Length; i++)
        {
            var ours = read(Parameters[i]);
            for (int j = _slices[i].Start; j < _slices[i].End; j++)
            {
                double o = ours[j - _slices[i].Start], g = golden[j];
                double tolerance = 2e-5 * Math.Max(1, Math.Abs(g)) + 10 * _noise;
                Assert.True(Math.Abs(o - g) <= tolerance,
                    $"{what} after step {step}, coordinate {j}: ours {o:R}, golden {g:R}, |diff| {Math.Abs(o - g):E3} > {tolerance:E3}");
            }
        }
    }

    private static Dictionary<int, double[]> Checkpoints(JsonElement root, string field) =>
        root.GetProperty(field).EnumerateObject()
            .ToDictionary(p => int.Parse(p.Name, CultureInfo.InvariantCulture), p => Doubles(p.Value));

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
