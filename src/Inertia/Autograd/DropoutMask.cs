namespace Inertia.Autograd;

/// <summary>
/// The random stream of dropout masks: element i of the mask of training step s under seed k is
/// a pure function of (k, s, i). Any step's mask can therefore be recomputed directly (a resumed
/// run continues bit-for-bit from its step counter), and no generator state has to be saved.
/// The seed itself comes from <see cref="Data.SeededRandom"/>.
/// </summary>
internal static class DropoutMask
{
    /// <summary>Uniform in [0, 1) with 24 random bits (every value exact in float32).</summary>
    public static float Uniform(ulong seed, long step, int index)
    {
        ulong z = seed ^ ((ulong)step * 0x9E3779B97F4A7C15UL);
        z += (ulong)index * 0xD1B54A32D192ED03UL + 0x632BE59BD9B4E019UL;
        // SplitMix64's finalizer: a bijective mix whose output bits are all well distributed.
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 40) * (1f / (1 << 24));
    }

    /// <summary>Fills <paramref name="mask"/> with <paramref name="kept"/> where the uniform draw is ≥ rate, else <paramref name="dropped"/>.</summary>
    public static void Fill(Span<float> mask, float rate, ulong seed, long step, float kept, float dropped)
    {
        for (int i = 0; i < mask.Length; i++) mask[i] = Uniform(seed, step, i) >= rate ? kept : dropped;
    }
}
