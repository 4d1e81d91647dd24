using Inertia.Autograd;
using Inertia.Layers;
using Inertia.Tensors;

namespace Inertia.Training;

/// <summary>
/// A linear stack of layers (Keras <c>keras.Sequential</c>): add layers, <see cref="Build(ulong)"/> (or
/// let <see cref="Compile(Inertia.Optimizers.Optimizer, Inertia.Losses.Loss, Inertia.Metrics.Metric[])"/>
/// build), then <see cref="Fit"/>, <see cref="Evaluate"/> and <see cref="Predict"/>.
/// </summary>
/// <remarks>
/// Every parameter of the model lives in one <see cref="ParameterArena"/>. Thread safety:
/// <see cref="Predict"/> may be called from several threads at once on a model that is not
/// training (each call records on its own tape); every other member, <see cref="Fit"/> and
/// <see cref="Evaluate"/> included, must be called from one thread at a time.
/// </remarks>
public sealed partial class Sequential
{
    private readonly List<Layer> _layers = [];
    // Sets beside the list keep Add constant-time: a model file may list many thousands of layers.
    private readonly HashSet<Layer> _layerSet = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> _layerNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _nextSuffix = new(StringComparer.Ordinal);
    private ParameterArena? _arena;
    private Shape? _outputShape;

    /// <summary>Creates an empty model.</summary>
    /// <param name="inputShape">Per-sample input shape (Keras <c>Input(shape)</c>), e.g. (28, 28); required before building.</param>
    /// <param name="name">Model name shown by <see cref="Summary"/>.</param>
    public Sequential(Shape? inputShape = null, string name = "sequential")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        InputShape = inputShape;
        Name = name;
    }

    /// <summary>Creates a model from layers, in order (layers of another model are shared, not copied).</summary>
    /// <exception cref="ArgumentException">Two layers have the same name or the same layer appears twice.</exception>
    public Sequential(IEnumerable<Layer> layers, Shape? inputShape = null, string name = "sequential") : this(inputShape, name)
    {
        ArgumentNullException.ThrowIfNull(layers);
        foreach (var layer in layers) Add(layer);
    }

    /// <summary>The model's name.</summary>
    public string Name { get; }

    /// <summary>Per-sample input shape; set at construction or by <see cref="Build(Shape, ulong)"/>.</summary>
    public Shape? InputShape { get; private set; }

    /// <summary>Per-sample output shape, once built.</summary>
    public Shape OutputShape => _outputShape ?? throw NotBuilt();

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>Whether the layers are built and their parameters laid out in <see cref="Arena"/>.</summary>
    public bool IsBuilt => _arena is not null;

    /// <summary>The arena holding every parameter of the model.</summary>
    /// <exception cref="InvalidOperationException">The model is not built.</exception>
    public ParameterArena Arena => _arena ?? throw NotBuilt();

    /// <summary>The seed the weights were initialized from, and the default seed of <see cref="Fit"/>.</summary>
    public ulong Seed { get; private set; }

    /// <summary>
    /// Epochs completed by the last <see cref="Fit"/> (its final epoch index + 1); saved with the
    /// model so a resumed run passes it as <c>initialEpoch</c>.
    /// </summary>
    public int CompletedEpochs { get; internal set; }

    /// <summary>
    /// What the model was trained on (class names, the feature scaler's statistics, a
    /// description); saved with the model so data given to it later can be mapped the same way.
    /// Null when unknown (a model built in code, or a file from before format version 2).
    /// </summary>
    public DataDescription? TrainedOn { get; set; }

    /// <summary>Trainable parameter count (elements).</summary>
    public long TrainableParameterCount => _layers.Sum(l => l.TrainableParameterCount);

    /// <summary>Non-trainable element count: frozen weights plus layer state.</summary>
    public long NonTrainableParameterCount => _layers.Sum(l => l.NonTrainableParameterCount);

    /// <summary>
    /// Appends a layer. A layer without a name gets the first free Keras-style name in this model
    /// (<c>dense</c>, <c>dense_1</c>, …). Adding to a built model unbuilds it: build and compile again.
    /// </summary>
    /// <exception cref="ArgumentException">The layer is already in the model or its name is taken.</exception>
    public void Add(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (_layerSet.Contains(layer))
            throw new ArgumentException($"Layer '{(layer.HasName ? layer.Name : layer.ToString())}' is already in model '{Name}'.", nameof(layer));
        if (layer.HasName)
        {
            if (_layerNames.Contains(layer.Name))
                throw new ArgumentException($"Model '{Name}' already has a layer named '{layer.Name}'; layer names must be unique.", nameof(layer));
        }
        else
            layer.AssignName(FreeName(layer.DefaultNamePrefix));
        _layers.Add(layer);
        _layerSet.Add(layer);
        _layerNames.Add(layer.Name);
        Unbuild();
    }

    /// <summary>The layer with this name.</summary>
    /// <exception cref="KeyNotFoundException">No layer has that name.</exception>
    public Layer GetLayer(string name) =>
        _layers.FirstOrDefault(l => l.Name == name) ?? throw new KeyNotFoundException(
            $"Model '{Name}' has no layer named '{name}'. Layers: {string.Join(", ", _layers.Select(l => l.Name))}.");

    /// <summary>Builds for a per-sample input shape; see <see cref="Build(ulong)"/>.</summary>
    public void Build(Shape inputShape, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (InputShape is not null && !InputShape.Equals(inputShape))
            throw new ArgumentException($"Model '{Name}' takes input {InputShape}, not {inputShape}.", nameof(inputShape));
        InputShape = inputShape;
        Build(seed);
    }

    /// <summary>
    /// Builds every layer, lays all parameters into one new arena, and initializes the weights of
    /// layers that had none from <paramref name="seed"/>. Parameters of layers taken from another
    /// model keep their values (that model's arena becomes detached and can no longer train).
    /// Building a built model again does nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">No input shape is known, or the model has no layers.</exception>
    /// <exception cref="ArgumentException">A layer cannot take the previous layer's output shape.</exception>
    public void Build(ulong seed = 0)
    {
        if (IsBuilt) return;
        if (InputShape is null)
            throw new InvalidOperationException($"Model '{Name}' needs an input shape: pass inputShape to the constructor or to Build.");
        if (_layers.Count == 0)
            throw new InvalidOperationException($"Model '{Name}' has no layers.");
        var shape = InputShape;
        foreach (var layer in _layers) shape = layer.Build(shape);
        var fresh = _layers.Where(l => l.Parameters.All(p => p.Arena is null)).ToList();
        _arena = new ParameterArena(_layers.SelectMany(l => l.Parameters));
        foreach (var layer in fresh) layer.InitializeWeights(seed);
        _outputShape = shape;
        Seed = seed;
    }

    /// <summary>Copies of every weight and state tensor, in <see cref="WeightNames"/> order (Keras <c>get_weights</c>).</summary>
    public IReadOnlyList<Tensor> GetWeights() => WeightTensors().Select(w => w.Value.Clone()).ToArray();

    /// <summary>Names of the tensors <see cref="GetWeights"/> returns: parameters, then layer state.</summary>
    public IReadOnlyList<string> WeightNames => WeightTensors().Select(w => w.Name).ToArray();

    /// <summary>Overwrites every weight and state tensor (Keras <c>set_weights</c>).</summary>
    /// <exception cref="ArgumentException">The count differs, or a tensor's shape does not fit; the message names it.</exception>
    /// <exception cref="InvalidOperationException">A training backend is attached (<see cref="UseBackend"/>).</exception>
    public void SetWeights(IReadOnlyList<Tensor> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        EnsureNoBackend("setting weights");
        var targets = WeightTensors().ToArray();
        if (weights.Count != targets.Length)
            throw new ArgumentException($"Model '{Name}' has {targets.Length} weight tensors; got {weights.Count}.", nameof(weights));
        for (int i = 0; i < targets.Length; i++)
        {
            if (!targets[i].Value.Shape.Equals(weights[i].Shape))
                throw new ArgumentException($"Weight '{targets[i].Name}' has shape {targets[i].Value.Shape}; got {weights[i].Shape}.", nameof(weights));
        }
        for (int i = 0; i < targets.Length; i++) weights[i].Span.CopyTo(targets[i].Value.Span);
    }

    /// <summary>
    /// An independent copy of a built model: the same architecture and layer names, new layers
    /// holding copies of the weights and state (unlike Keras's <c>clone_model</c>, which
    /// re-initializes). The copy is not compiled.
    /// </summary>
    public static Sequential CloneModel(Sequential model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var clone = new Sequential(model.CloneLayers(), model.InputShape, model.Name);
        clone.Build(model.InputShape!, model.Seed);
        clone.SetWeights(model.GetWeights());
        return clone;
    }

    /// <summary>
    /// New, unbuilt layers with the same classes, configurations, names and trainable flags as
    /// this model's layers; build them into a model, then copy weights (or use <see cref="CloneModel"/>).
    /// </summary>
    public IReadOnlyList<Layer> CloneLayers() =>
        _layers.Select(l => LayerFactory.FromConfig(l.ClassName, l.GetConfig())).ToArray();

    /// <summary>Runs the layers on a batch.</summary>
    internal Variable Forward(Tape tape, Tensor x, bool training)
    {
        if (!TakesBatch(x.Shape))
            throw new ArgumentException($"Model '{Name}' takes batches of shape {BatchShape(InputShape!)}; got {x.Shape}.", nameof(x));
        var v = tape.Constant(x);
        foreach (var layer in _layers) v = layer.Call(tape, v, training);
        return v;
    }

    // Compares dimension by dimension: Shape.DropFirst would allocate on every step.
    private bool TakesBatch(Shape batch)
    {
        var input = InputShape!.Dimensions;
        return batch.Rank == input.Length + 1 && batch.Dimensions[1..].SequenceEqual(input);
    }

    internal IEnumerable<(string Name, Tensor Value)> WeightTensors()
    {
        if (!IsBuilt) throw NotBuilt();
        SynchronizeBackend();
        foreach (var layer in _layers)
            foreach (var p in layer.Parameters) yield return (p.Name, p.Value);
        foreach (var layer in _layers)
            foreach (var s in layer.States) yield return (s.Name, s.Value);
    }

    private string FreeName(string prefix)
    {
        if (!_layerNames.Contains(prefix)) return prefix;
        // Names are only ever added, so the first free suffix never lies below the last one handed out.
        for (int i = _nextSuffix.GetValueOrDefault(prefix, 1); ; i++)
        {
            string candidate = $"{prefix}_{i}";
            if (_layerNames.Contains(candidate)) continue;
            _nextSuffix[prefix] = i + 1;
            return candidate;
        }
    }

    private void Unbuild()
    {
        _arena = null;
        _outputShape = null;
        ClearCompilation();
    }

    private InvalidOperationException NotBuilt() =>
        new($"Model '{Name}' is not built: call Build (or Compile) after adding its layers.");
}
