using System.Numerics;
using System.Runtime.InteropServices;

namespace Inertia.Optimizers;

/// <summary>
/// The CPU's one update loop, shared by every optimizer: per vector it applies the pipeline's
/// gradient transform, the optimizer's <see cref="IUpdateRule{TCoefficients}"/> (as the
/// <see cref="IUpdateStep{T}"/> it prepares once per chunk) and the <see cref="UpdateGuard"/>.
/// The vector width is chosen here alone (<see cref="Vector{T}"/> with <see cref="VectorLanes"/>);
/// a wider one needs only this file, <see cref="VectorLanes"/> and the guard.
/// </summary>
internal static class UpdateLoop
{
    /// <summary>
    /// Updates a chunk: <paramref name="slot0"/>..<paramref name="slot2"/> are the optimizer's bound
    /// slots, empty from the first unbound one on. Returns how many elements were rejected.
    /// </summary>
    public static int Run<TRule, TCoefficients, TTransform>(Span<float> weights, ReadOnlySpan<float> gradients,
        Span<float> slot0, Span<float> slot1, Span<float> slot2, in TTransform transform, in TCoefficients coefficients)
        where TRule : struct, IUpdateRule<TCoefficients>
        where TCoefficients : unmanaged
        where TTransform : struct, IGradientTransform
    {
        var chunk = new Chunk<TTransform>(MemoryMarshal.Cast<float, Vector<float>>(weights), MemoryMarshal.Cast<float, Vector<float>>(gradients),
            MemoryMarshal.Cast<float, Vector<float>>(slot0), MemoryMarshal.Cast<float, Vector<float>>(slot1),
            MemoryMarshal.Cast<float, Vector<float>>(slot2), transform);
        return default(TRule).Prepare<Vector<float>, VectorLanes, Chunk<TTransform>, int>(coefficients, ref chunk);
    }

    private readonly ref struct Chunk<TTransform>(Span<Vector<float>> w, ReadOnlySpan<Vector<float>> g,
        Span<Vector<float>> a, Span<Vector<float>> b, Span<Vector<float>> d, TTransform transform) : IStepVisitor<Vector<float>, int>
        where TTransform : struct, IGradientTransform
    {
        private readonly Span<Vector<float>> _w = w, _a = a, _b = b, _d = d;
        private readonly ReadOnlySpan<Vector<float>> _g = g;
        private readonly TTransform _transform = transform;

        public int Run<TStep>(in TStep prepared) where TStep : struct, IUpdateStep<Vector<float>>
        {
            // Locals: the step's splatted coefficients then live in registers for the whole loop,
            // and the transform needs no null check per vector.
            var step = prepared;
            var t = _transform;
            // Every span cut to the weights' length here, so that the JIT proves each index in range.
            var w = _w;
            var g = _g[..w.Length];
            Span<Vector<float>> a = Bound(_a, w.Length), b = Bound(_b, w.Length), d = Bound(_d, w.Length);
            int rejected = 0;
            var unbound = Vector<float>.Zero;
            if (!d.IsEmpty)
            {
                for (int i = 0; i < w.Length; i++)
                {
                    Vector<float> ai = a[i], bi = b[i], di = d[i];
                    var wi = step.Apply(t.DecayWeight(w[i]), t.Gradient(g[i], w[i]), ref ai, ref bi, ref di);
                    rejected += UpdateGuard.Store(ref w[i], wi, ref a[i], ai, ref b[i], bi, ref d[i], di);
                }
            }
            else if (!b.IsEmpty)
            {
                for (int i = 0; i < w.Length; i++)
                {
                    Vector<float> ai = a[i], bi = b[i], di = unbound;
                    var wi = step.Apply(t.DecayWeight(w[i]), t.Gradient(g[i], w[i]), ref ai, ref bi, ref di);
                    rejected += UpdateGuard.Store(ref w[i], wi, ref a[i], ai, ref b[i], bi);
                }
            }
            else if (!a.IsEmpty)
            {
                for (int i = 0; i < w.Length; i++)
                {
                    Vector<float> ai = a[i], bi = unbound, di = unbound;
                    var wi = step.Apply(t.DecayWeight(w[i]), t.Gradient(g[i], w[i]), ref ai, ref bi, ref di);
                    rejected += UpdateGuard.Store(ref w[i], wi, ref a[i], ai);
                }
            }
            else
            {
                for (int i = 0; i < w.Length; i++)
                {
                    Vector<float> ai = unbound, bi = unbound, di = unbound;
                    var wi = step.Apply(t.DecayWeight(w[i]), t.Gradient(g[i], w[i]), ref ai, ref bi, ref di);
                    rejected += UpdateGuard.Store(ref w[i], wi);
                }
            }
            return rejected;
        }

        private static Span<Vector<float>> Bound(Span<Vector<float>> slot, int length) => slot.IsEmpty ? slot : slot[..length];
    }
}
