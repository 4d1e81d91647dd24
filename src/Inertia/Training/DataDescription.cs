namespace Inertia.Training;

/// <summary>
/// What a model's predictions depend on besides its weights: the data it was trained on, the
/// class names in output order, and the feature scaler's statistics. Saved in the model file, so
/// that data given to the model later is mapped and scaled the way its training data was.
/// </summary>
/// <param name="Description">Where the training data came from, in words.</param>
/// <param name="ClassNames">The class of each output unit, in index order; null when the labels were class indices.</param>
/// <param name="FeatureMean">The mean of each feature the scaler subtracted (or one for all features); null when the features were not standardized.</param>
/// <param name="FeatureStandardDeviation">The standard deviation it divided by, one per mean.</param>
public sealed record DataDescription(
    string Description,
    IReadOnlyList<string>? ClassNames = null,
    IReadOnlyList<double>? FeatureMean = null,
    IReadOnlyList<double>? FeatureStandardDeviation = null)
{
    /// <summary>Whether the features were standardized (a scaler's statistics are held).</summary>
    public bool IsStandardized => FeatureMean is not null;

    /// <summary>The scaler that maps raw features as the training data's were; null when none was used.</summary>
    public Data.StandardScaler? Scaler => FeatureMean is null
        ? null
        : Data.StandardScaler.FromStatistics(FeatureMean, FeatureStandardDeviation ?? throw new InvalidOperationException("The description holds means without standard deviations."));
}
