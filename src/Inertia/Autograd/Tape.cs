using Inertia.Tensors;

namespace Inertia.Autograd;

/// <summary>
/// Reverse-mode automatic differentiation, define-by-run: every op called on the tape computes
/// its value at once and is recorded; <see cref="Backward"/> walks the record in reverse.
/// </summary>
/// <remarks>
/// A tape is reused across passes: <see cref="Reset()"/> rewinds it, and the n-th op and the n-th
/// buffer of the next pass come from the same slots as before when their types and shapes
/// match. A training loop whose passes have the same structure therefore allocates only in its
/// first passes (and once per distinct batch shape). The variables an op returns are reused
/// the same way: they are valid until the next <see cref="Reset()"/>. A tape is not thread-safe:
/// use one per thread.
/// </remarks>
public sealed class Tape
{
    private readonly List<Op> _ops = [];
    private readonly List<Op> _opCache = [];
    private readonly List<List<Tensor>> _bufferCache = [];
    private readonly List<List<Tensor>> _viewCache = [];
    private readonly List<Variable> _variableCache = [];
    private readonly Dictionary<Parameter, Variable> _parameters = [];
    private int _buffers;
    private int _views;
    private int _variables;
    private bool _parameterGradientsStale;

    /// <summary>Creates a tape; with <paramref name="recordGradients"/> false it only evaluates (inference).</summary>
    public Tape(bool recordGradients = true) => RecordGradients = recordGradients;

    /// <summary>Whether ops record themselves and allocate gradients (false for inference).</summary>
    public bool RecordGradients { get; }

    /// <summary>Number of ops recorded since the last <see cref="Reset()"/>.</summary>
    public int Count => _ops.Count;

    /// <summary>Forgets the recorded ops; their buffers are reused by the next pass.</summary>
    public void Reset() => Reset(parameterGradientsStale: false);

    /// <summary>
    /// <see cref="Reset()"/>; with <paramref name="parameterGradientsStale"/>, the parameters'
    /// gradients are taken as stale rather than zeroed: the first op to write one overwrites it and
    /// <see cref="Backward"/> zero-fills those no op wrote, which spares the caller zeroing the
    /// arena (<see cref="ZeroGradientsNotWritten"/> covers the parameters the pass never saw).
    /// </summary>
    internal void Reset(bool parameterGradientsStale)
    {
        _ops.Clear();
        _parameterGradientsStale = parameterGradientsStale;
        foreach (var v in _parameters.Values) v.StartPass(written: !parameterGradientsStale);
        _buffers = 0;
        _views = 0;
        _variables = 0;
    }

    /// <summary>
    /// The variable of a parameter: its value, and its slice of the gradient arena as gradient
    /// (so backward passes accumulate straight into the arena). Frozen parameters get no gradient.
    /// </summary>
    public Variable Parameter(Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        bool grad = RecordGradients && parameter.Trainable;
        if (!_parameters.TryGetValue(parameter, out var v))
        {
            v = new Variable(parameter.Value, grad ? parameter.Gradient : null, grad) { IsParameter = true };
            v.StartPass(written: !_parameterGradientsStale);
            _parameters.Add(parameter, v);
        }
        else
        {
            v.Gradient = grad ? parameter.Gradient : null;
            v.RequiresGradient = grad;
        }
        return v;
    }

    /// <summary>A constant input (data, targets): no gradient flows into it.</summary>
    public Variable Constant(Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var v = NextVariable();
        v.Value = value;
        v.Gradient = null;
        v.RequiresGradient = false;
        v.StartPass(written: false);
        return v;
    }

    /// <summary>
    /// Runs the recorded ops in reverse. <paramref name="output"/> is seeded with gradient 1 in
    /// every element (for a scalar loss: ∂loss/∂loss). Gradients of intermediate values are
    /// zeroed first; parameter gradients accumulate, so clear the arena's gradients before.
    /// </summary>
    /// <exception cref="InvalidOperationException">The tape records no gradients, or nothing requires one.</exception>
    public void Backward(Variable output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!RecordGradients)
            throw new InvalidOperationException("This tape was created for inference (recordGradients: false).");
        if (!output.RequiresGradient)
            throw new InvalidOperationException($"No gradient flows to {output}: nothing it depends on is trainable.");
        output.WriteGrad(out _).Span.Fill(1f);
        for (int i = _ops.Count - 1; i >= 0; i--)
            _ops[i].Backward();
        // Intermediate gradient buffers are not zeroed when handed out: the first op to write one
        // overwrites it. One that no op wrote is ∂loss/∂value = 0, as the caller may read it.
        for (int i = 0; i < _variables; i++) _variableCache[i].ZeroIfUnwritten();
        foreach (var v in _parameters.Values) v.ZeroIfUnwritten();
    }

    /// <summary>
    /// After a pass started with stale parameter gradients: zero-fills the gradient of every
    /// parameter of <paramref name="arena"/> the pass did not write (absent from the tape, or
    /// frozen), so the arena holds what zeroing it before the pass would have left.
    /// </summary>
    internal void ZeroGradientsNotWritten(ParameterArena arena)
    {
        var parameters = arena.Parameters;
        for (int p = 0; p < parameters.Count; p++)
        {
            bool written = _parameters.TryGetValue(parameters[p], out var v) && v.Gradient is not null && v.GradientWritten;
            if (!written) parameters[p].Gradient.Span.Clear();
        }
    }

    /// <summary>
    /// What this pass's backward knows of <paramref name="parameter"/>'s stored gradient:
    /// <see cref="GradientFiniteness.Untouched"/> when it is not on the tape.
    /// </summary>
    internal GradientFiniteness FinitenessOf(Parameter parameter) =>
        _parameters.TryGetValue(parameter, out var v) ? v.Finiteness : GradientFiniteness.Untouched;

    /// <summary>
    /// The op object for the next recorded position: the one used at this position in the
    /// previous pass when it has the same type, else a new one.
    /// </summary>
    internal T NextOp<T>() where T : Op, new()
    {
        int position = _ops.Count;
        T op;
        if (position < _opCache.Count && _opCache[position] is T cached)
            op = cached;
        else
        {
            op = new T();
            if (position < _opCache.Count) _opCache[position] = op;
            else _opCache.Add(op);
        }
        _ops.Add(op);
        return op;
    }

    /// <summary>
    /// A variable for an op's output: a value buffer of <paramref name="shape"/> and, when
    /// <paramref name="requiresGradient"/> and gradients are recorded, a gradient buffer whose
    /// stale contents the first write overwrites (<see cref="Variable.WriteGrad"/>).
    /// </summary>
    internal Variable Output(Shape shape, bool requiresGradient)
    {
        bool grad = RecordGradients && requiresGradient;
        var v = NextVariable();
        v.Value = Buffer(shape);
        v.Gradient = grad ? Buffer(shape) : null;
        v.RequiresGradient = grad;
        v.StartPass(written: false);
        return v;
    }

    /// <summary>
    /// A variable viewing <paramref name="source"/>'s value (and gradient) with another shape,
    /// for reshapes that copy nothing.
    /// </summary>
    internal Variable View(Variable source, Shape shape)
    {
        var v = NextVariable();
        v.Value = ViewOf(source.Value, shape);
        v.Gradient = source.Gradient is null ? null : ViewOf(source.Gradient, shape);
        v.RequiresGradient = source.RequiresGradient;
        v.StartPassAsViewOf(source);
        return v;
    }

    /// <summary>A scratch buffer of the given shape for this pass (contents undefined).</summary>
    internal Tensor Buffer(Shape shape) => Pick(_bufferCache, _buffers++, shape, null);

    private Tensor ViewOf(Tensor source, Shape shape) => Pick(_viewCache, _views++, shape, source);

    private static Tensor Pick(List<List<Tensor>> cache, int slot, Shape shape, Tensor? viewOf)
    {
        if (slot == cache.Count) cache.Add([]);
        var candidates = cache[slot];
        foreach (var t in candidates)
        {
            if (!t.Shape.Equals(shape)) continue;
            if (viewOf is null || (ReferenceEquals(t.Data, viewOf.Data) && t.Offset == viewOf.Offset))
                return t;
        }
        var created = viewOf is null ? new Tensor(shape) : viewOf.Reshape(shape);
        // A slot alternates between few shapes (e.g. the last, smaller batch of an epoch); keep a handful.
        if (candidates.Count == 4) candidates.RemoveAt(0);
        candidates.Add(created);
        return created;
    }

    private Variable NextVariable()
    {
        if (_variables == _variableCache.Count)
            _variableCache.Add(new Variable(null!, null, false));
        return _variableCache[_variables++];
    }
}
