using System.Text;
using Inertia.Autograd;
using Inertia.Data;
using Inertia.Initializers;
using Inertia.Tensors;

namespace Inertia.Layers;

/// <summary>
/// A building block of a model (Keras <c>keras.layers.Layer</c>): declares its weights when it
/// is built for an input shape, and computes its output on a tape.
/// </summary>
/// <remarks>
/// Shapes here are per sample (no batch axis): a Dense layer built for (784,) outputs (300,).
/// Weights are <see cref="Parameter"/>s whose storage comes from the model's arena; a layer
/// taken into another model brings its parameters (and their values) into that model's arena.
/// </remarks>
public abstract class Layer
{
    private readonly List<Parameter> _parameters = [];
    private readonly List<Initializer> _initializers = [];
    private readonly List<LayerState> _states = [];
    private readonly HashSet<Parameter> _alwaysFrozen = [];
    private string? _name;
    private bool _trainable = true;

    /// <summary>Creates a layer; without a name the model gives it a unique Keras-style one (<c>dense_1</c>).</summary>
    protected Layer(string? name)
    {
        if (name is not null) ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _name = name;
    }

    /// <summary>The layer's name; parameter names are prefixed with it (<c>dense_1/kernel</c>).</summary>
    /// <exception cref="InvalidOperationException">Read before the layer was named by its model.</exception>
    public string Name => _name ?? throw new InvalidOperationException($"This {GetType().Name} has no name until it is added to a model.");

    /// <summary>Whether the layer has a name yet.</summary>
    public bool HasName => _name is not null;

    /// <summary>The Keras snake_case stem for default names: <c>Dense</c> → <c>dense</c>, <c>PReLU</c> → <c>p_re_lu</c>.</summary>
    public string DefaultNamePrefix => SnakeCase(ClassName);

    /// <summary>
    /// The Keras class name, the key <see cref="LayerFactory.FromConfig"/> rebuilds the layer by
    /// (the C# type name unless that differs from Keras's, as for <see cref="ActivationLayer"/>).
    /// </summary>
    public virtual string ClassName => GetType().Name;

    /// <summary>
    /// Whether the layer's weights are trained. Setting false freezes every parameter (the
    /// optimizer leaves them and their slots untouched) and makes layers with training-time
    /// behaviour, such as BatchNormalization, run in inference mode.
    /// </summary>
    public bool Trainable
    {
        get => _trainable;
        set
        {
            _trainable = value;
            foreach (var p in _parameters) p.Trainable = value && IsTrainableWeight(p);
        }
    }

    /// <summary>Whether <see cref="Build"/> has run.</summary>
    public bool IsBuilt { get; private set; }

    /// <summary>The per-sample input shape it was built for.</summary>
    public Shape? InputShape { get; private set; }

    /// <summary>The per-sample output shape.</summary>
    public Shape? OutputShape { get; private set; }

    /// <summary>The weights, in declaration order.</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>Non-trainable state that is not a weight (e.g. BatchNormalization's moving statistics).</summary>
    public IReadOnlyList<LayerState> States => _states;

    /// <summary>Trainable parameter count.</summary>
    public long TrainableParameterCount => _parameters.Where(p => p.Trainable).Sum(p => (long)p.Size);

    /// <summary>Non-trainable element count: frozen weights plus state.</summary>
    public long NonTrainableParameterCount =>
        _parameters.Where(p => !p.Trainable).Sum(p => (long)p.Size) + _states.Sum(s => (long)s.Value.Size);

    /// <summary>
    /// Declares the weights for a per-sample input shape and returns the per-sample output shape.
    /// Building again for the same shape is a no-op.
    /// </summary>
    /// <exception cref="ArgumentException">The layer was built for another shape, or cannot take this one.</exception>
    public Shape Build(Shape inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (IsBuilt)
        {
            if (!inputShape.Equals(InputShape))
                throw new ArgumentException($"Layer '{Name}' was built for input {InputShape} and cannot take {inputShape}.");
            return OutputShape!;
        }
        OutputShape = OnBuild(inputShape);
        InputShape = inputShape;
        IsBuilt = true;
        return OutputShape;
    }

    /// <summary>Computes the layer's output for a batch (the first axis of <paramref name="input"/> is the batch).</summary>
    /// <param name="tape">Records the computation for backward.</param>
    /// <param name="input">The batch.</param>
    /// <param name="training">True in training (dropout active, batch statistics); false in inference.</param>
    public abstract Variable Call(Tape tape, Variable input, bool training);

    /// <summary>
    /// The constructor arguments, JSON-serializable, Keras names in snake_case (architecture
    /// files), with <c>name</c> and <c>trainable</c>; <see cref="LayerFactory.FromConfig"/> rebuilds the layer from it.
    /// </summary>
    public abstract IReadOnlyDictionary<string, object?> GetConfig();

    /// <summary>The entries every layer's configuration starts with: <c>name</c> (null until named) and <c>trainable</c>.</summary>
    protected Dictionary<string, object?> BaseConfig() => new()
    {
        ["name"] = _name,
        ["trainable"] = _trainable,
    };

    /// <summary>Declares weights for <paramref name="inputShape"/>; returns the output shape.</summary>
    protected abstract Shape OnBuild(Shape inputShape);

    /// <summary>Declares a weight named <c>{layer}/{name}</c>, filled by <paramref name="initializer"/> when the model initializes.</summary>
    protected Parameter AddWeight(string name, Shape shape, Initializer initializer, bool trainable = true)
    {
        ArgumentNullException.ThrowIfNull(initializer);
        var p = new Parameter($"{Name}/{name}", shape, trainable && _trainable);
        _parameters.Add(p);
        _initializers.Add(initializer);
        if (!trainable) _alwaysFrozen.Add(p);
        return p;
    }

    /// <summary>Declares non-trainable state named <c>{layer}/{name}</c>, every element set to <paramref name="initialValue"/>.</summary>
    protected Tensor AddState(string name, Shape shape, float initialValue)
    {
        var t = new Tensor(shape);
        t.Span.Fill(initialValue);
        _states.Add(new LayerState($"{Name}/{name}", t));
        return t;
    }

    /// <summary>
    /// Fills every weight from its initializer. Each weight draws from its own stream derived from
    /// <paramref name="seed"/> and its name, so adding a layer never changes another layer's weights.
    /// </summary>
    public void InitializeWeights(ulong seed)
    {
        for (int i = 0; i < _parameters.Count; i++)
            _initializers[i].Fill(_parameters[i].Value, SeededRandom.Derive(seed, _parameters[i].Name));
        OnInitialize(seed);
    }

    /// <summary>
    /// Called by <see cref="InitializeWeights"/> after the weights are filled, for layers with
    /// other seeded state (dropout's mask stream).
    /// </summary>
    protected virtual void OnInitialize(ulong seed) { }

    /// <summary>Gives the layer its name; models call this for layers created without one.</summary>
    internal void AssignName(string name)
    {
        if (IsBuilt && _name != name)
            throw new InvalidOperationException($"Layer '{_name}' is built; its parameter names are fixed.");
        _name = name;
    }

    private bool IsTrainableWeight(Parameter p) => !_alwaysFrozen.Contains(p);

    private static string SnakeCase(string name)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => $"{GetType().Name}({_name ?? "unnamed"})";
}

/// <summary>A named piece of non-trainable layer state, saved with the weights.</summary>
/// <param name="Name">Full name, e.g. <c>batch_normalization/moving_mean</c>.</param>
/// <param name="Value">The state tensor.</param>
public sealed record LayerState(string Name, Tensor Value);
