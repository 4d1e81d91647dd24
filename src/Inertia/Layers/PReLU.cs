using Inertia.Autograd;
using Inertia.Autograd.Ops;
using Inertia.Initializers;
using Inertia.Tensors;

namespace Inertia.Layers;

/// <summary>
/// Keras <c>PReLU</c>: x for x &gt; 0, α·x otherwise, with α learned per input element (shape of
/// a sample), or shared along <see cref="SharedAxes"/> (1-based sample axes, as in Keras).
/// </summary>
public sealed class PReLU : Layer
{
    private Parameter? _alpha;

    /// <summary>Creates the layer.</summary>
    /// <param name="alphaInitializer">Default <see cref="Zeros"/> (starts as ReLU).</param>
    /// <param name="sharedAxes">Axes along which α is shared (1 = the first axis of a sample); null shares none.</param>
    /// <param name="name">Layer name; default <c>p_re_lu</c>, …</param>
    public PReLU(Initializer? alphaInitializer = null, int[]? sharedAxes = null, string? name = null) : base(name)
    {
        AlphaInitializer = alphaInitializer ?? new Zeros();
        SharedAxes = sharedAxes is null ? null : [.. sharedAxes];
    }

    /// <summary>Initializer of α.</summary>
    public Initializer AlphaInitializer { get; }

    /// <summary>Axes with a single α, 1-based over a sample's axes; null when α is per element.</summary>
    public IReadOnlyList<int>? SharedAxes { get; }

    /// <summary>α, once built.</summary>
    public Parameter Alpha => _alpha ?? throw new InvalidOperationException($"Layer '{Name}' is not built.");

    /// <inheritdoc />
    protected override Shape OnBuild(Shape inputShape)
    {
        var dims = inputShape.ToArray();
        if (SharedAxes is not null)
            foreach (int axis in SharedAxes)
            {
                if (axis < 1 || axis > dims.Length)
                    throw new ArgumentOutOfRangeException(nameof(SharedAxes), axis,
                        $"PReLU '{Name}': shared axis {axis} is outside a sample of shape {inputShape} (axes are 1..{dims.Length}).");
                dims[axis - 1] = 1;
            }
        _alpha = AddWeight("alpha", new Shape(dims), AlphaInitializer);
        return inputShape;
    }

    /// <inheritdoc />
    public override Variable Call(Tape tape, Variable input, bool training)
    {
        ArgumentNullException.ThrowIfNull(tape);
        return tape.PRelu(input, tape.Parameter(Alpha));
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetConfig()
    {
        var config = BaseConfig();
        config["alpha_initializer"] = Initializer.Serialize(AlphaInitializer);
        config["shared_axes"] = SharedAxes?.ToArray();
        return config;
    }
}
