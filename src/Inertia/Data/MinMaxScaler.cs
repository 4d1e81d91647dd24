namespace Inertia.Data;

/// <summary>
/// Maps each feature linearly so that its range on the data it was fitted on becomes
/// [<see cref="Min"/>, <see cref="Max"/>] (scikit-learn's <c>MinMaxScaler</c>). Fit on the
/// training part only, then apply the same mapping to validation and test data; their values
/// may then fall outside the range. A feature that is constant on the fitted data has no range
/// to stretch and is shifted to <see cref="Min"/> (scale 1), as scikit-learn does.
/// </summary>
public sealed class MinMaxScaler
{
    private float[]? _scale, _shift;

    /// <summary>Creates an unfitted scaler.</summary>
    /// <param name="min">Lower end of the target range.</param>
    /// <param name="max">Upper end of the target range; must exceed <paramref name="min"/>.</param>
    /// <param name="perFeature">One mapping per feature (column); false fits one mapping for all values (as for images).</param>
    /// <exception cref="ArgumentOutOfRangeException">The range is empty or not finite.</exception>
    public MinMaxScaler(float min = 0f, float max = 1f, bool perFeature = true)
    {
        if (!float.IsFinite(min) || !float.IsFinite(max) || !(max > min))
            throw new ArgumentOutOfRangeException(nameof(max), $"The target range [{min}, {max}] must be finite with max > min.");
        Min = min;
        Max = max;
        PerFeature = perFeature;
    }

    /// <summary>Lower end of the target range.</summary>
    public float Min { get; }

    /// <summary>Upper end of the target range.</summary>
    public float Max { get; }

    /// <summary>Whether each feature gets its own mapping.</summary>
    public bool PerFeature { get; }

    /// <summary>Whether <see cref="Fit(Dataset)"/> has run.</summary>
    public bool IsFitted => _scale is not null;

    /// <summary>Learns each feature's minimum and maximum from <paramref name="data"/>'s features.</summary>
    /// <exception cref="ArgumentException">The data set is empty.</exception>
    public MinMaxScaler Fit(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0) throw new ArgumentException("Cannot fit a scaler on an empty data set.", nameof(data));
        int width = PerFeature ? data.FeatureSize : 1;
        var lo = new double[width];
        var hi = new double[width];
        Array.Fill(lo, double.PositiveInfinity);
        Array.Fill(hi, double.NegativeInfinity);
        ReadOnlySpan<float> x = data.Features.Span;
        for (int i = 0; i < x.Length; i++)
        {
            int f = i % width;
            lo[f] = Math.Min(lo[f], x[i]);
            hi[f] = Math.Max(hi[f], x[i]);
        }
        _scale = new float[width];
        _shift = new float[width];
        for (int f = 0; f < width; f++)
        {
            double range = hi[f] - lo[f];
            double scale = range > 0 ? (Max - (double)Min) / range : 1.0;
            _scale[f] = (float)scale;
            _shift[f] = (float)(Min - lo[f] * scale);
        }
        return this;
    }

    /// <summary>A copy of <paramref name="data"/> with scaled features.</summary>
    /// <exception cref="InvalidOperationException">The scaler is not fitted.</exception>
    /// <exception cref="ArgumentException">The data has another number of features than the fitted data.</exception>
    public Dataset Transform(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.WithFeatures(AffineFeatures.Apply(data, _scale, _shift, nameof(MinMaxScaler)));
    }
}
