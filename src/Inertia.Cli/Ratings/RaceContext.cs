namespace Inertia.Cli.Ratings;

/// <summary>What an explanation may compare an optimizer with: the settings and validation-loss areas of the optimizers that ran, and the race's best.</summary>
internal sealed record RaceContext(
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Settings,
    double BestLossArea,
    double BestFinalAccuracy,
    string Fastest,
    string MostAccurate,
    int Epochs,
    IReadOnlyDictionary<string, double> LossAreas)
{
    public double? Setting(string optimizer, string key) =>
        Settings.TryGetValue(optimizer, out var s) && s.TryGetValue(key, out var v)
        && double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double d)
            ? d : null;
}
