namespace Inertia.Tensors;

/// <summary>
/// One contiguous, 64-byte-aligned block holding every parameter of a model, with a gradient
/// block and any number of optimizer slot blocks of the same layout. Each parameter starts on
/// a cache-line boundary; the padding between parameters stays zero in every block.
/// </summary>
public sealed class ParameterArena
{
    private readonly Parameter[] _parameters;
    private readonly Dictionary<string, Parameter> _byName;

    /// <summary>Lays out and binds the given parameters.</summary>
    /// <exception cref="ArgumentException">Two parameters share a name, or one is already in an arena.</exception>
    public ParameterArena(IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters.ToArray();
        _byName = new Dictionary<string, Parameter>(StringComparer.Ordinal);
        long length = 0;
        var offsets = new int[_parameters.Length];
        for (int i = 0; i < _parameters.Length; i++)
        {
            var p = _parameters[i] ?? throw new ArgumentException($"Parameter {i} is null.", nameof(parameters));
            if (!_byName.TryAdd(p.Name, p))
                throw new ArgumentException($"Two parameters are named '{p.Name}'.", nameof(parameters));
            offsets[i] = (int)length;
            length += RoundUp(p.Size);
            if (length > int.MaxValue - AlignedBuffer.AlignmentFloats)
                throw new ArgumentException($"The parameters hold more than {int.MaxValue} floats.", nameof(parameters));
        }
        Length = (int)length;
        Values = new AlignedBuffer(Length);
        Gradients = new AlignedBuffer(Length);
        for (int i = 0; i < _parameters.Length; i++)
            _parameters[i].Bind(this, offsets[i]);
    }

    /// <summary>The parameters, in layout order.</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>Length of every block in floats, padding included.</summary>
    public int Length { get; }

    /// <summary>Number of parameter elements, padding excluded.</summary>
    public long ParameterCount => _parameters.Sum(p => (long)p.Size);

    /// <summary>The values of all parameters.</summary>
    public AlignedBuffer Values { get; }

    /// <summary>The gradients of all parameters, same layout as <see cref="Values"/>.</summary>
    public AlignedBuffer Gradients { get; }

    /// <summary>A new block of the arena's layout (an optimizer slot), every element set to <paramref name="initialValue"/>.</summary>
    public AlignedBuffer CreateSlot(float initialValue = 0f)
    {
        var slot = new AlignedBuffer(Length);
        if (initialValue != 0f)
            foreach (var p in _parameters)
                slot.Slice(p.ArenaOffset, p.Size).Fill(initialValue);
        return slot;
    }

    /// <summary>The parameter with this name.</summary>
    /// <exception cref="KeyNotFoundException">No parameter has that name.</exception>
    public Parameter this[string name] =>
        _byName.TryGetValue(name, out var p) ? p : throw new KeyNotFoundException($"No parameter is named '{name}'.");

    /// <summary>Whether a parameter with this name exists.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>
    /// The first parameter that moved to another arena (its layer was reused in another model),
    /// or null. A detached arena no longer holds all its parameters' values, so training on it
    /// must stop with this name in the message.
    /// </summary>
    public string? DetachedParameter { get; private set; }

    internal void MarkDetached(Parameter parameter) => DetachedParameter ??= parameter.Name;

    /// <summary>Sets every gradient to zero.</summary>
    public void ZeroGradients() => Gradients.Span.Clear();

    private static long RoundUp(int size) =>
        (size + AlignedBuffer.AlignmentFloats - 1L) / AlignedBuffer.AlignmentFloats * AlignedBuffer.AlignmentFloats;
}
