using Inertia.Autograd;
using Inertia.Tensors;

namespace Inertia.Optimizers;

/// <summary>
/// What the library's own training step knows of the finiteness of the gradients it has just
/// written, handed to the next <see cref="Optimizer.Apply(GradientWitness)"/> and consumed by it.
/// Only <c>Sequential</c>'s step records one, right after zeroing the arena and running the tape
/// backward with no other code in between; a public <see cref="Optimizer.Apply()"/> never sees one,
/// because a caller may have written anything into <see cref="Parameter.Gradient"/>.
/// </summary>
internal sealed class GradientWitness
{
    private bool[] _vouchedFinite = [];
    private bool _anyNonFinite;
    private bool _armed;

    /// <summary>Takes what <paramref name="tape"/>'s backward pass vouched for each of <paramref name="arena"/>'s parameters.</summary>
    public void Record(ParameterArena arena, Tape tape)
    {
        var parameters = arena.Parameters;
        if (_vouchedFinite.Length != parameters.Count) _vouchedFinite = new bool[parameters.Count];
        _anyNonFinite = false;
        for (int p = 0; p < parameters.Count; p++)
        {
            var finiteness = tape.FinitenessOf(parameters[p]);
            _vouchedFinite[p] = finiteness == GradientFiniteness.VouchedFinite;
            _anyNonFinite |= finiteness == GradientFiniteness.VouchedNonFinite;
        }
        _armed = true;
    }

    /// <summary>
    /// Checks every gradient of <paramref name="arena"/> now and records the answer: for a benchmark
    /// that times the step as a training step runs it, with the check outside the timed region.
    /// </summary>
    public void RecordChecked(ParameterArena arena)
    {
        var parameters = arena.Parameters;
        if (_vouchedFinite.Length != parameters.Count) _vouchedFinite = new bool[parameters.Count];
        _anyNonFinite = false;
        for (int p = 0; p < parameters.Count; p++)
        {
            _vouchedFinite[p] = System.Numerics.Tensors.TensorPrimitives.IsFiniteAll<float>(parameters[p].Gradient.Span);
            _anyNonFinite |= !_vouchedFinite[p];
        }
        _armed = true;
    }

    /// <summary>
    /// Arms the last record again, for a benchmark that repeats one step on gradients it checked
    /// once with <see cref="RecordChecked"/> and that no step changes.
    /// </summary>
    public void Rearm() => _armed = true;

    /// <summary>
    /// Consumes the record: true with the parameters vouched finite when it was recorded since the
    /// last take and vouches for nothing non-finite. A vouched non-finite gradient answers false,
    /// so the step is decided by the full scan, which names the first non-finite parameter as
    /// without a witness (skipping is rare; its cost does not matter).
    /// </summary>
    public bool TryTake(out bool[] vouchedFinite)
    {
        vouchedFinite = _vouchedFinite;
        bool usable = _armed && !_anyNonFinite;
        _armed = false;
        return usable;
    }
}
