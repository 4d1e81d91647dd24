using System.Globalization;

namespace Inertia.Cli.Ratings;

/// <summary>The results table's columns, as text, shared by the console and the HTML report.</summary>
internal static class ResultColumns
{
    public const string DisagreeMark = "≠";

    /// <summary>Shown instead of stars for an optimizer whose run diverged.</summary>
    public const string Diverged = "diverged";

    public static IReadOnlyList<string> Headers(double target) =>
    [
        "Optimizer", $"To {Percent(target)} val acc", "Val-loss area", "Best val acc", "Final val acc", "Final val loss",
        "State B/param", "Speed", "Quality", "Book", "",
    ];

    public static IReadOnlyList<string> Cells(OptimizerSummary s) =>
    [
        s.DisplayName,
        s.TargetText,
        s.LossArea.Format("0.000"),
        PercentStat(s.BestAccuracy),
        PercentStat(s.FinalAccuracy),
        s.FinalLoss.Format("0.0000"),
        s.StateBytesPerParameter.ToString("0.##", CultureInfo.InvariantCulture),
        s.Diverged ? Diverged : Stars.Of(s.Speed),
        s.Diverged ? Diverged : Stars.Of(s.Quality),
        s.Book is null ? "—" : $"{s.Book.SpeedText} / {s.Book.QualityText}" + (s.Book.Note is null ? "" : $" ({s.Book.Note})"),
        s.Disagrees ? DisagreeMark : "",
    ];

    public static string Percent(double v) => (100 * v).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string PercentStat(Race.Statistic s) =>
        s.Count > 1
            ? $"{(100 * s.Mean).ToString("0.00", CultureInfo.InvariantCulture)} ± {(100 * s.Std).ToString("0.00", CultureInfo.InvariantCulture)}%"
            : (100 * s.Mean).ToString("0.00", CultureInfo.InvariantCulture) + "%";
}
