using System.Numerics;
using System.Runtime.InteropServices;

namespace Inertia.Optimizers;

/// <summary>
/// The CPU's one update loop, shared by every optimizer: per vector it applies the pipeline's
/// gradient transform, the optimizer's <see cref="IUpdateRule{TCoefficients}"/> and the
/// <see cref="UpdateGuard"/>. The vector width is chosen here alone (<see cref="Vector{T}"/> with
/// <see cref="VectorLanes"/>); a wider one needs only this file, <see cref="VectorLanes"/> and the guard.
/// </summary>
internal static class UpdateLoop
{
    /// <summary>
    /// Updates a chunk: <paramref name="slot0"/>..<paramref name="slot2"/> are the optimizer's bound
    /// slots, empty from the first unbound one on. Returns how many elements were rejected.
    /// </summary>
    public static int Run<TRule, TCoefficients, TTransform>(Span<float> weights, ReadOnlySpan<float> gradients,
        Span<float> slot0, Span<float> slot1, Span<float> slot2, in TTransform t, in TCoefficients coefficients)
        where TRule : struct, IUpdateRule<TCoefficients>
        where TCoefficients : unmanaged
        where TTransform : struct, IGradientTransform
    {
        // A local copy passed by value: once the rule is inlined the JIT keeps the coefficients in
        // registers instead of re-reading them through a reference any store to the spans might alias.
        var c = coefficients;
        var rule = default(TRule);
        var w = MemoryMarshal.Cast<float, Vector<float>>(weights);
        var g = MemoryMarshal.Cast<float, Vector<float>>(gradients);
        var a = MemoryMarshal.Cast<float, Vector<float>>(slot0);
        var b = MemoryMarshal.Cast<float, Vector<float>>(slot1);
        var d = MemoryMarshal.Cast<float, Vector<float>>(slot2);
        int rejected = 0;
        var unbound = Vector<float>.Zero;
        if (!d.IsEmpty)
        {
            for (int i = 0; i < w.Length; i++)
            {
                Vector<float> ai = a[i], bi = b[i], di = d[i];
                var wi = rule.Apply<Vector<float>, VectorLanes>(t.DecayWeight(w[i]), t.Gradient(g[i], w[i]), ref ai, ref bi, ref di, c);
                rejected += UpdateGuard.Store(ref w[i], wi, ref a[i], ai, ref b[i], bi, ref d[i], di);
            }
        }
        else if (!b.IsEmpty)
        {
            for (int i = 0; i < w.Length; i++)
            {
                Vector<float> ai = a[i], bi = b[i], di = unbound;
                var wi = rule.Apply<Vector<float>, VectorLanes>(t.DecayWeight(w[i]), t.Gradient(g[i], w[i]), ref ai, ref bi, ref di, c);
                rejected += UpdateGuard.Store(ref w[i], wi, ref a[i], ai, ref b[i], bi);
            }
        }
        else if (!a.IsEmpty)
        {
            for (int i = 0; i < w.Length; i++)
            {
                Vector<float> ai = a[i], bi = unbound, di = unbound;
                var wi = rule.Apply<Vector<float>, VectorLanes>(t.DecayWeight(w[i]), t.Gradient(g[i], w[i]), ref ai, ref bi, ref di, c);
                rejected += UpdateGuard.Store(ref w[i], wi, ref a[i], ai);
            }
        }
        else
        {
            for (int i = 0; i < w.Length; i++)
            {
                Vector<float> ai = unbound, bi = unbound, di = unbound;
                var wi = rule.Apply<Vector<float>, VectorLanes>(t.DecayWeight(w[i]), t.Gradient(g[i], w[i]), ref ai, ref bi, ref di, c);
                rejected += UpdateGuard.Store(ref w[i], wi);
            }
        }
        return rejected;
    }
}
