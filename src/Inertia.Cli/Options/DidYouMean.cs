namespace Inertia.Cli.Options;

/// <summary>Finds the known name a mistyped one most likely meant, for "did you mean" hints.</summary>
internal static class DidYouMean
{
    /// <summary>The closest of <paramref name="known"/> to <paramref name="typed"/> (case-insensitive edit distance, a swap counting once), or null when none is close.</summary>
    public static string? Closest(string typed, IEnumerable<string> known)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string k in known)
        {
            int d = Distance(typed.ToLowerInvariant(), k.ToLowerInvariant());
            if (d < bestDistance) (best, bestDistance) = (k, d);
        }
        // About one edit in three characters, at least one: "epoch" → "epochs", "adamm" → "adam".
        return best is not null && bestDistance <= Math.Max(1, Math.Min(typed.Length, best.Length) / 3) ? best : null;
    }

    /// <summary>"; did you mean 'x'?" with <paramref name="format"/> applied to the match, or "" when nothing is close.</summary>
    public static string Hint(string typed, IEnumerable<string> known, Func<string, string>? format = null) =>
        Closest(typed, known) is { } match ? $"; did you mean '{(format ?? (s => s))(match)}'?" : "";

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
