namespace Inertia.Training;

/// <summary>
/// The seeds of a Fit run, each a pure function of the run's seed and the epoch, so that a run
/// resumed from a checkpoint draws exactly what an uninterrupted run draws.
/// </summary>
internal static class TrainingSeeds
{
    /// <summary>Seed of epoch <paramref name="epoch"/>'s sample order.</summary>
    public static ulong Shuffle(ulong seed, int epoch) => Mix(seed, 0x5348554646UL, (ulong)epoch);

    private static ulong Mix(ulong seed, ulong a, ulong b)
    {
        ulong x = seed;
        x = Finalize(x ^ Finalize(a + 0x9E3779B97F4A7C15UL));
        return Finalize(x ^ Finalize(b + 0xD1B54A32D192ED03UL));
    }

    // SplitMix64's output function: a bijection that scatters nearby inputs.
    private static ulong Finalize(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
