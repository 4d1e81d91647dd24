namespace Inertia.Tensors;

/// <summary>
/// A named, trainable tensor and its gradient. Once its <see cref="ParameterArena"/> is built,
/// the value is a slice of the arena's value buffer and the gradient the matching slice of its
/// gradient buffer, so an optimizer can update every parameter in one pass over memory.
/// </summary>
public sealed class Parameter
{
    private Tensor? _value;
    private Tensor? _gradient;

    /// <summary>Declares a parameter; its storage comes from the arena it is added to.</summary>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public Parameter(string name, Shape shape, bool trainable = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(shape);
        Name = name;
        Shape = shape;
        Trainable = trainable;
    }

    /// <summary>Unique name within its model, Keras style: <c>dense_1/kernel</c>.</summary>
    public string Name { get; }

    /// <summary>The shape of value and gradient.</summary>
    public Shape Shape { get; }

    /// <summary>Number of elements.</summary>
    public int Size => Shape.Size;

    /// <summary>Whether optimizers update it. A frozen parameter keeps its value and slots.</summary>
    public bool Trainable { get; set; }

    /// <summary>The arena holding it, once bound.</summary>
    public ParameterArena? Arena { get; private set; }

    /// <summary>Start of this parameter in its arena's buffers (a multiple of 16 floats).</summary>
    public int ArenaOffset { get; private set; } = -1;

    /// <summary>The current value.</summary>
    /// <exception cref="InvalidOperationException">The parameter is not in an arena yet.</exception>
    public Tensor Value => _value ?? throw Unbound();

    /// <summary>The gradient accumulated by the last backward pass.</summary>
    /// <exception cref="InvalidOperationException">The parameter is not in an arena yet.</exception>
    public Tensor Gradient => _gradient ?? throw Unbound();

    /// <summary>
    /// Places the parameter in <paramref name="arena"/>. A parameter moving from another arena
    /// (a layer reused in a new model) keeps its value, and its old arena is marked detached.
    /// </summary>
    internal void Bind(ParameterArena arena, int offset)
    {
        var value = new Tensor(arena.Values.Array, arena.Values.Offset + offset, Shape);
        if (_value is not null)
        {
            _value.Span.CopyTo(value.Span);
            Arena!.MarkDetached(this);
        }
        Arena = arena;
        ArenaOffset = offset;
        _value = value;
        _gradient = new Tensor(arena.Gradients.Array, arena.Gradients.Offset + offset, Shape);
    }

    private InvalidOperationException Unbound() =>
        new($"Parameter '{Name}' has no storage yet: add it to a ParameterArena (models do this when they are built).");

    /// <inheritdoc />
    public override string ToString() => $"{Name} {Shape}";
}
