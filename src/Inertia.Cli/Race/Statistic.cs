using System.Globalization;

namespace Inertia.Cli.Race;

/// <summary>Mean and sample standard deviation of a measurement over seeds.</summary>
internal readonly record struct Statistic(double Mean, double Std, int Count)
{
    public static Statistic Of(IEnumerable<double> values)
    {
        var v = values.ToArray();
        if (v.Length == 0) return new Statistic(double.NaN, double.NaN, 0);
        double mean = v.Average();
        double std = v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)) : 0;
        return new Statistic(mean, std, v.Length);
    }

    /// <summary>"0.912" or "0.912 ± 0.004" when there is more than one value.</summary>
    public string Format(string format) => Count > 1
        ? $"{Mean.ToString(format, CultureInfo.InvariantCulture)} ± {Std.ToString(format, CultureInfo.InvariantCulture)}"
        : Mean.ToString(format, CultureInfo.InvariantCulture);
}
