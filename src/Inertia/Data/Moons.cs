using Inertia.Tensors;

namespace Inertia.Data;

/// <summary>
/// Two interleaving half circles (scikit-learn's <c>make_moons</c>, with points drawn at random
/// angles): class 0 on (cos θ, sin θ), class 1 on (1 − cos θ, 0.5 − sin θ), θ in [0, π], plus
/// Gaussian noise. Features (N, 2); samples alternate between the classes.
/// </summary>
public static class Moons
{
    /// <summary>Generates <paramref name="count"/> points.</summary>
    /// <param name="count">Number of samples; at least 2.</param>
    /// <param name="seed">Seed of the positions and the noise.</param>
    /// <param name="noise">Standard deviation of the Gaussian noise added to each coordinate; ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    public static Dataset Generate(int count, ulong seed, float noise = 0.1f)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        if (!(noise >= 0 && float.IsFinite(noise)))
            throw new ArgumentOutOfRangeException(nameof(noise), noise, "The noise must be a finite value ≥ 0.");
        var random = new SeededRandom(seed);
        var x = new Tensor(count, 2);
        var y = new Tensor(count);
        for (int i = 0; i < count; i++)
        {
            int label = i % 2;
            double theta = random.NextDouble() * Math.PI;
            double px = label == 0 ? Math.Cos(theta) : 1 - Math.Cos(theta);
            double py = label == 0 ? Math.Sin(theta) : 0.5 - Math.Sin(theta);
            x[i, 0] = (float)(px + noise * random.NextGaussian());
            x[i, 1] = (float)(py + noise * random.NextGaussian());
            y[i] = label;
        }
        return Dataset.Classification(x, y, 2, ["upper moon", "lower moon"]);
    }
}
