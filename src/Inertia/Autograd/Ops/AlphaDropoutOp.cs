using Inertia.Tensors;

namespace Inertia.Autograd.Ops;

/// <summary>
/// Alpha dropout (Keras <c>AlphaDropout</c>): dropped elements are set to SELU's negative
/// saturation α′ = −scale·α, then y = a·x̃ + b with a = ((1 − r)(1 + r·α′²))^(−½) and b = −a·α′·r,
/// which keeps a SELU network's mean and variance. Backward: dx += a·dy where kept.
/// </summary>
internal sealed class AlphaDropoutOp : Op
{
    private const double AlphaPrime = -1.6732632423543772848170429916717 * 1.0507009873554804934193349852946;
    private Variable _x = null!, _y = null!;
    private Tensor _keep = null!;
    private float _a;

    internal Variable Forward(Tape tape, Variable x, float rate, ulong seed, long step)
    {
        _x = x;
        _keep = tape.Buffer(x.Shape);
        _y = tape.Output(x.Shape, x.RequiresGradient);
        DropoutMask.Fill(_keep.Span, rate, seed, step, 1f, 0f);
        double r = rate;
        float a = (float)Math.Pow((1 - r) * (1 + r * AlphaPrime * AlphaPrime), -0.5);
        float b = (float)(-a * AlphaPrime * r);
        float alphaP = (float)AlphaPrime;
        _a = a;
        var xs = x.Value.Span;
        var k = _keep.Span;
        var y = _y.Value.Span;
        for (int i = 0; i < xs.Length; i++)
            y[i] = a * (xs[i] * k[i] + alphaP * (1f - k[i])) + b;
        return _y;
    }

    internal override void Backward()
    {
        if (!_x.RequiresGradient) return;
        var dy = _y.Grad.Span;
        var dx = _x.Grad.Span;
        var k = _keep.Span;
        for (int i = 0; i < dx.Length; i++) dx[i] += _a * dy[i] * k[i];
    }
}

/// <summary>Alpha dropout on the tape.</summary>
public static class AlphaDropoutExtensions
{
    /// <summary>SELU-preserving dropout with Keras's affine correction; the mask depends only on (seed, step, element index).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is outside [0, 1).</exception>
    public static Variable AlphaDropout(this Tape tape, Variable x, float rate, ulong seed, long step)
    {
        DropoutExtensions.CheckRate(rate);
        return tape.NextOp<AlphaDropoutOp>().Forward(tape, x, rate, seed, step);
    }
}
