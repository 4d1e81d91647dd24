using System.Numerics;

namespace Inertia.Data;

/// <summary>
/// Inertia's own deterministic random number generator: xoshiro256** (Blackman and Vigna,
/// 2018) with its 256-bit state expanded from a 64-bit seed by SplitMix64, as the authors
/// recommend. Everything seeded in Inertia (shuffling, batching, generated data sets,
/// initializers, dropout) draws from this generator, so a seed means the same stream on every
/// .NET version and platform — unlike <see cref="Random"/>, whose algorithm is not specified.
/// </summary>
/// <remarks>
/// The integer stream (<see cref="NextUInt64"/>, <see cref="NextInt(int)"/>,
/// <see cref="Shuffle{T}(Span{T})"/>) and the uniform floats are exact and portable.
/// <see cref="NextGaussian"/> goes through <see cref="Math.Log(double)"/> and
/// <see cref="Math.Sqrt(double)"/>; the logarithm may differ in the last bit between runtimes
/// or CPU families. An instance is not thread-safe; parallel work seeds one generator per work
/// item with <see cref="DeriveSeed"/> (or <see cref="Derive"/> for named consumers such as
/// layers), so results never depend on the thread count.
/// </remarks>
public sealed class SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareGaussian = double.NaN;

    /// <summary>Creates a generator whose stream is fixed by <paramref name="seed"/>.</summary>
    public SeededRandom(ulong seed) => Reseed(seed);

    /// <summary>Restarts the stream as if the generator had just been created with <paramref name="seed"/>.</summary>
    public void Reseed(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
        _spareGaussian = double.NaN;
    }

    /// <summary>
    /// A seed for independent sub-stream number <paramref name="stream"/> of
    /// <paramref name="seed"/> (for example one per epoch or per sample). A pure function, so
    /// work split across threads can seed each item without sharing a generator.
    /// </summary>
    public static ulong DeriveSeed(ulong seed, ulong stream)
    {
        ulong x = seed ^ (0x9E3779B97F4A7C15UL * (stream + 1));
        ulong a = SplitMix64(ref x);
        return a ^ SplitMix64(ref x);
    }

    /// <summary>
    /// An independent generator for a named sub-stream (e.g. one per layer), so that adding a
    /// consumer does not shift the numbers every other consumer sees.
    /// </summary>
    public static SeededRandom Derive(ulong seed, string stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        // FNV-1a over the stream name: stable across processes, unlike string.GetHashCode.
        ulong h = 14695981039346656037UL;
        foreach (char c in stream)
        {
            h ^= c;
            h *= 1099511628211UL;
        }
        return new SeededRandom(seed ^ BitOperations.RotateLeft(h, 17) ^ 0x9E3779B97F4A7C15UL);
    }

    /// <summary>One step of SplitMix64: advances <paramref name="state"/> and returns its output.</summary>
    public static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 uniformly random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>The next 32 uniformly random bits (the high half of <see cref="NextUInt64"/>).</summary>
    public uint NextUInt32() => (uint)(NextUInt64() >> 32);

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>), without modulo bias (Lemire's method).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxExclusive"/> is not positive.</exception>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        ulong range = (ulong)maxExclusive;
        ulong product = Math.BigMul(NextUInt64(), range, out ulong low);
        if (low < range)
        {
            ulong threshold = (0UL - range) % range;
            while (low < threshold)
                product = Math.BigMul(NextUInt64(), range, out low);
        }
        return (int)product;
    }

    /// <summary>A uniform integer in [<paramref name="min"/>, <paramref name="maxExclusive"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is empty or wider than <see cref="int.MaxValue"/>.</exception>
    public int NextInt(int min, int maxExclusive)
    {
        long width = (long)maxExclusive - min;
        if (width <= 0 || width > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), $"The range [{min}, {maxExclusive}) is empty or wider than {int.MaxValue}.");
        return min + NextInt((int)width);
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform float in [0, 1) with 24 random bits.</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>A uniform float in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public float NextFloat(float min, float max) => min + (max - min) * NextFloat();

    /// <summary>Uniform in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double NextDouble(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>
    /// A standard normal sample (mean 0, variance 1) by the polar Box–Muller method, which
    /// yields two samples per accepted pair; the second is kept for the next call.
    /// </summary>
    public double NextGaussian()
    {
        if (!double.IsNaN(_spareGaussian))
        {
            double spare = _spareGaussian;
            _spareGaussian = double.NaN;
            return spare;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareGaussian = v * f;
        return u * f;
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates, from the last element down).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A random permutation of 0 .. <paramref name="count"/> − 1.</summary>
    public int[] Permutation(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var p = new int[count];
        for (int i = 0; i < count; i++) p[i] = i;
        Shuffle<int>(p);
        return p;
    }
}
