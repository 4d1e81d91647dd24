namespace Inertia.Data;

/// <summary>
/// Standardizes each feature to mean 0 and standard deviation 1 on the data it was fitted on
/// (scikit-learn's <c>StandardScaler</c>: population standard deviation). Fit on the training
/// part only, then apply the same mapping to validation and test data. A feature that is constant
/// on the fitted data is only centred (scale 1), as scikit-learn does.
/// </summary>
public sealed class StandardScaler
{
    private float[]? _scale, _shift;

    /// <summary>Creates an unfitted scaler.</summary>
    /// <param name="perFeature">One mean and deviation per feature (column); false uses one for all values (as for images).</param>
    public StandardScaler(bool perFeature = true) => PerFeature = perFeature;

    /// <summary>Whether each feature gets its own mean and deviation.</summary>
    public bool PerFeature { get; }

    /// <summary>Whether <see cref="Fit(Dataset)"/> has run.</summary>
    public bool IsFitted => _scale is not null;

    /// <summary>The fitted means (one per feature, or one value); empty before fitting.</summary>
    public IReadOnlyList<double> Mean { get; private set; } = [];

    /// <summary>The fitted population standard deviations; empty before fitting.</summary>
    public IReadOnlyList<double> StandardDeviation { get; private set; } = [];

    /// <summary>Learns each feature's mean and standard deviation (two passes, in double precision).</summary>
    /// <exception cref="ArgumentException">The data set is empty.</exception>
    public StandardScaler Fit(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0) throw new ArgumentException("Cannot fit a scaler on an empty data set.", nameof(data));
        int width = PerFeature ? data.FeatureSize : 1;
        ReadOnlySpan<float> x = data.Features.Span;
        long perColumn = x.Length / width;
        var mean = new double[width];
        for (int i = 0; i < x.Length; i++) mean[i % width] += x[i];
        for (int f = 0; f < width; f++) mean[f] /= perColumn;
        var variance = new double[width];
        for (int i = 0; i < x.Length; i++)
        {
            double d = x[i] - mean[i % width];
            variance[i % width] += d * d;
        }
        var std = new double[width];
        _scale = new float[width];
        _shift = new float[width];
        for (int f = 0; f < width; f++)
        {
            std[f] = Math.Sqrt(variance[f] / perColumn);
            double scale = std[f] > 0 ? 1.0 / std[f] : 1.0;
            _scale[f] = (float)scale;
            _shift[f] = (float)(-mean[f] * scale);
        }
        Mean = mean;
        StandardDeviation = std;
        return this;
    }

    /// <summary>A fitted scaler from statistics saved earlier (<see cref="Mean"/> and <see cref="StandardDeviation"/> of a fitted one).</summary>
    /// <exception cref="ArgumentException">The lists are empty, differ in length, or hold a non-finite or negative value.</exception>
    public static StandardScaler FromStatistics(IReadOnlyList<double> mean, IReadOnlyList<double> standardDeviation)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(standardDeviation);
        if (mean.Count == 0 || mean.Count != standardDeviation.Count)
            throw new ArgumentException($"{mean.Count} means and {standardDeviation.Count} standard deviations: a scaler needs one of each per feature.", nameof(standardDeviation));
        var scaler = new StandardScaler(perFeature: true) { _scale = new float[mean.Count], _shift = new float[mean.Count] };
        for (int f = 0; f < mean.Count; f++)
        {
            if (!double.IsFinite(mean[f]) || !(standardDeviation[f] >= 0 && double.IsFinite(standardDeviation[f])))
                throw new ArgumentException($"feature {f} has mean {mean[f]} and standard deviation {standardDeviation[f]}; both must be finite and the deviation ≥ 0.", nameof(standardDeviation));
            double scale = standardDeviation[f] > 0 ? 1.0 / standardDeviation[f] : 1.0;
            scaler._scale[f] = (float)scale;
            scaler._shift[f] = (float)(-mean[f] * scale);
        }
        scaler.Mean = mean.ToArray();
        scaler.StandardDeviation = standardDeviation.ToArray();
        return scaler;
    }

    /// <summary>A copy of <paramref name="data"/> with standardized features.</summary>
    /// <exception cref="InvalidOperationException">The scaler is not fitted.</exception>
    /// <exception cref="ArgumentException">The data has another number of features than the fitted data.</exception>
    public Dataset Transform(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.WithFeatures(AffineFeatures.Apply(data, _scale, _shift, nameof(StandardScaler)));
    }
}
