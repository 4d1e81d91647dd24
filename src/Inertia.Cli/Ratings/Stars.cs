namespace Inertia.Cli.Ratings;

/// <summary>Star strings for ratings.</summary>
internal static class Stars
{
    public static string Of(int count) => new('★', count);

    public static string Alternatives(IReadOnlyList<int> counts) => string.Join(" or ", counts.Select(Of));
}
