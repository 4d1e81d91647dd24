using Inertia.Tensors;

namespace Inertia.Data;

/// <summary>
/// The two-spirals problem: two interleaved spirals of 1.5 turns in the plane, one per class,
/// with Gaussian noise. Features (N, 2) roughly in [-1, 1]; samples alternate between the
/// classes, so any even-sized prefix or suffix is balanced.
/// </summary>
public static class TwoSpirals
{
    /// <summary>Generates <paramref name="count"/> points.</summary>
    /// <param name="count">Number of samples; at least 2.</param>
    /// <param name="seed">Seed of the positions and the noise.</param>
    /// <param name="noise">Standard deviation of the Gaussian noise added to each coordinate; ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    public static Dataset Generate(int count, ulong seed, float noise = 0.02f)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        if (!(noise >= 0 && float.IsFinite(noise)))
            throw new ArgumentOutOfRangeException(nameof(noise), noise, "The noise must be a finite value ≥ 0.");
        var random = new SeededRandom(seed);
        var x = new Tensor(count, 2);
        var y = new Tensor(count);
        const double turns = 1.5 * 2 * Math.PI;
        for (int i = 0; i < count; i++)
        {
            int label = i % 2;
            double t = Math.Sqrt(random.NextDouble() * 0.95 + 0.05) * turns;
            double radius = t / turns;
            double angle = t + label * Math.PI;
            x[i, 0] = (float)(radius * Math.Cos(angle) + noise * random.NextGaussian());
            x[i, 1] = (float)(radius * Math.Sin(angle) + noise * random.NextGaussian());
            y[i] = label;
        }
        return Dataset.Classification(x, y, 2, ["spiral 0", "spiral 1"]);
    }
}
