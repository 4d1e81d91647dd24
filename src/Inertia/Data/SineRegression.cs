using Inertia.Tensors;

namespace Inertia.Data;

/// <summary>
/// A regression set: features x uniform in [−π, π]^d, target y = Σⱼ sin((j + 1)·xⱼ) + Gaussian
/// noise, so each feature adds a wave of a higher frequency. Features (N, d), targets (N, 1).
/// </summary>
public static class SineRegression
{
    /// <summary>Generates <paramref name="count"/> samples.</summary>
    /// <param name="count">Number of samples; at least 1.</param>
    /// <param name="seed">Seed of the inputs and the noise.</param>
    /// <param name="features">Input dimension d; at least 1.</param>
    /// <param name="noise">Standard deviation of the target noise; ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    public static Dataset Generate(int count, ulong seed, int features = 2, float noise = 0.1f)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        if (!(noise >= 0 && float.IsFinite(noise)))
            throw new ArgumentOutOfRangeException(nameof(noise), noise, "The noise must be a finite value ≥ 0.");
        var random = new SeededRandom(seed);
        var x = new Tensor(count, features);
        var y = new Tensor(count, 1);
        for (int i = 0; i < count; i++)
        {
            double sum = 0;
            for (int j = 0; j < features; j++)
            {
                double v = (random.NextDouble() * 2 - 1) * Math.PI;
                x[i, j] = (float)v;
                sum += Math.Sin((j + 1) * v);
            }
            y[i, 0] = (float)(sum + noise * random.NextGaussian());
        }
        return Dataset.Regression(x, y);
    }
}
