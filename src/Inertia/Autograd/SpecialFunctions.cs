namespace Inertia.Autograd;

/// <summary>Functions .NET lacks, accurate to double precision (GELU's exact form needs erf).</summary>
internal static class SpecialFunctions
{
    private const double TwoOverSqrtPi = 1.1283791670955126;
    private const double InvSqrtPi = 0.56418958354775628;

    /// <summary>The complementary error function erfc(z) = 1 − erf(z), without cancellation for large z.</summary>
    public static double Erfc(double z)
    {
        if (double.IsNaN(z)) return z;
        if (z < 0) return 2 - Erfc(-z);
        if (z < 2.5) return 1 - ErfSeries(z);
        if (z > 27) return 0;
        // Continued fraction erfc(z) = e^(−z²)/√π · 1/(z + ½/(z + 1/(z + 3/2/(z + …)))), evaluated bottom-up.
        double f = z;
        for (int k = 60; k >= 1; k--) f = z + k * 0.5 / f;
        return Math.Exp(-z * z) * InvSqrtPi / f;
    }

    /// <summary>The error function.</summary>
    public static double Erf(double z) => Math.Abs(z) < 2.5 ? ErfSeries(z) : 1 - Erfc(z);

    // erf(z) = 2/√π · e^(−z²) · Σ 2ⁿ z^(2n+1) / (2n+1)!!: all terms share a sign, so nothing cancels.
    private static double ErfSeries(double z)
    {
        double term = z, sum = z, z2 = 2 * z * z;
        for (int n = 1; n < 200 && Math.Abs(term) > 1e-17 * Math.Abs(sum); n++)
        {
            term *= z2 / (2 * n + 1);
            sum += term;
        }
        return TwoOverSqrtPi * Math.Exp(-z * z) * sum;
    }
}
