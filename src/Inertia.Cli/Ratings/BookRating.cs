namespace Inertia.Cli.Ratings;

/// <summary>
/// A rating from Géron's <i>Hands-On Machine Learning</i>, table 11-2 ("Optimizer comparison"):
/// convergence speed and convergence quality, each one to three stars; where the book says
/// "★★ or ★★★" both counts are accepted.
/// </summary>
internal sealed record BookRating(IReadOnlyList<int> Speed, IReadOnlyList<int> Quality, string? Note = null)
{
    public string SpeedText => Stars.Alternatives(Speed);

    public string QualityText => Stars.Alternatives(Quality);
}
