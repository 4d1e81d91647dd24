using System.Numerics;
using System.Runtime.InteropServices;
using Inertia.Tensors;

namespace Inertia.Benchmarks.Optimizers;

/// <summary>
/// The ceiling an optimizer step is compared with: one in-place pass, split into the same
/// chunks on the same pool, that reads the parameter, gradient and k slot arrays and writes the
/// parameter and slot arrays with trivial arithmetic (Adam: k = 2, 28 bytes per parameter).
/// </summary>
internal sealed class MinimalFusedPass : IParallelWork
{
    private const int ChunkFloats = Inertia.Optimizers.OptimizerLayout.ChunkFloats;
    private readonly AlignedBuffer _values;
    private readonly AlignedBuffer _gradients;
    private readonly AlignedBuffer[] _slots;
    private readonly int _chunks;

    public MinimalFusedPass(ParameterArena arena, int slotCount)
    {
        _values = arena.Values;
        _gradients = arena.Gradients;
        _slots = Enumerable.Range(0, slotCount).Select(_ => arena.CreateSlot()).ToArray();
        _chunks = (arena.Length + ChunkFloats - 1) / ChunkFloats;
    }

    public void Run() => Parallelism.For(_chunks, this);

    public void Execute(int index)
    {
        int start = index * ChunkFloats, length = Math.Min(ChunkFloats, _values.Length - start);
        var w = MemoryMarshal.Cast<float, Vector<float>>(_values.Slice(start, length));
        var g = MemoryMarshal.Cast<float, Vector<float>>(_gradients.Slice(start, length));
        var half = new Vector<float>(0.5f);
        var tiny = new Vector<float>(1e-9f);
        switch (_slots.Length)
        {
            case 0:
                for (int i = 0; i < w.Length; i++) w[i] -= tiny * g[i];
                break;
            case 1:
                var m = MemoryMarshal.Cast<float, Vector<float>>(_slots[0].Slice(start, length));
                for (int i = 0; i < w.Length; i++)
                {
                    var mi = half * m[i] + g[i];
                    m[i] = mi;
                    w[i] -= tiny * mi;
                }
                break;
            default:
                var m1 = MemoryMarshal.Cast<float, Vector<float>>(_slots[0].Slice(start, length));
                var m2 = MemoryMarshal.Cast<float, Vector<float>>(_slots[1].Slice(start, length));
                for (int i = 0; i < w.Length; i++)
                {
                    var a = half * m1[i] + g[i];
                    var b = half * m2[i] + g[i];
                    m1[i] = a;
                    m2[i] = b;
                    w[i] -= tiny * (a + b);
                }
                break;
        }
    }
}
