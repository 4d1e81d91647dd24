using Inertia.Autograd;
using Inertia.Losses;
using Inertia.Metrics;
using Inertia.Optimizers;

namespace Inertia.Training;

public sealed partial class Sequential
{
    private Optimizer? _optimizer;
    private Loss? _loss;
    private Metric[] _metrics = [];
    private Tape? _trainTape;
    private readonly GradientWitness _witness = new();

    /// <summary>Whether <see cref="Compile(Optimizer, Loss, Metric[])"/> has run since the last structural change.</summary>
    public bool IsCompiled => _optimizer is not null;

    /// <summary>The optimizer given to Compile.</summary>
    public Optimizer Optimizer => _optimizer ?? throw NotCompiled();

    /// <summary>The loss given to Compile.</summary>
    public Loss Loss => _loss ?? throw NotCompiled();

    /// <summary>The metrics given to Compile; their names are the keys in <see cref="History"/>.</summary>
    public IReadOnlyList<Metric> Metrics => _metrics;

    /// <summary>
    /// Set by a callback to end <see cref="Fit"/> after the current batch (Keras <c>model.stop_training</c>).
    /// </summary>
    public bool StopTraining { get; set; }

    /// <summary>
    /// Configures training (Keras <c>compile</c>): builds the model if needed, then builds the
    /// optimizer over the model's arena. Compile again after freezing or unfreezing layers, as in Keras.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model cannot be built (no input shape).</exception>
    public void Compile(Optimizer optimizer, Loss loss, params Metric[] metrics)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(metrics);
        for (int i = 0; i < metrics.Length; i++)
            if (metrics[i] is null) throw new ArgumentNullException(nameof(metrics), $"Metric {i} is null.");
        var duplicate = metrics.GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Two metrics are named '{duplicate.Key}'; History keys must be unique.", nameof(metrics));
        Build(Seed);
        SynchronizeBackend();
        DetachBackend();
        optimizer.Build(Arena);
        _optimizer = optimizer;
        _loss = loss;
        _metrics = metrics;
        _trainTape = new Tape();
    }

    /// <summary>
    /// Compile with Keras names: <paramref name="loss"/> such as <c>sparse_categorical_crossentropy</c>
    /// (<see cref="Loss.Get"/>), metrics such as <c>accuracy</c> (<see cref="Metric.Get"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A name is unknown; the message lists the known ones.</exception>
    public void Compile(Optimizer optimizer, string loss, params string[] metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        Compile(optimizer, Loss.Get(loss), metrics.Select(Metric.Get).ToArray());
    }

    private void ClearCompilation()
    {
        _optimizer = null;
        _loss = null;
        _metrics = [];
        _trainTape = null;
        DetachBackend();
    }

    private InvalidOperationException NotCompiled() =>
        new($"Model '{Name}' is not compiled: call Compile(optimizer, loss, metrics) first.");
}
