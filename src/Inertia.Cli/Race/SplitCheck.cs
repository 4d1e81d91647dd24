using Inertia.Data;

namespace Inertia.Cli.Race;

/// <summary>
/// Reads a train/validation split for what makes its numbers misleading: a class the data has that
/// one part lacks, or a validation part of a single class (a sorted file split unshuffled does
/// both). The warning names the counts and what to do.
/// </summary>
internal static class SplitCheck
{
    public static string? Warning(Dataset train, Dataset validation, IReadOnlyList<string> names, bool shuffled)
    {
        if (!train.IsClassification) return null;
        int[] tr = train.ClassCounts(), va = validation.ClassCounts();
        var problems = new List<string>();
        var notTrained = Enumerable.Range(0, tr.Length).Where(c => tr[c] == 0 && va[c] > 0).Select(c => names[c]).ToList();
        var notValidated = Enumerable.Range(0, tr.Length).Where(c => va[c] == 0 && tr[c] > 0).Select(c => names[c]).ToList();
        var validated = Enumerable.Range(0, va.Length).Where(c => va[c] > 0).ToList();
        if (notTrained.Count > 0) problems.Add($"leaves class {string.Join(", ", notTrained)} out of training");
        if (notValidated.Count > 0) problems.Add($"leaves class {string.Join(", ", notValidated)} out of validation");
        if (validated.Count == 1 && tr.Count(n => n > 0) > 1) problems.Add($"validates on class {names[validated[0]]} only");
        if (problems.Count == 0) return null;
        string advice = shuffled
            ? "the data has too few samples of those classes for this --validation-split"
            : "add --shuffle-split for a seeded split that keeps every class on both sides (stratified)";
        return $"the {(shuffled ? "stratified" : "unshuffled")} split {string.Join(" and ", problems)}: "
            + $"training {Counts(tr, names)}, validation {Counts(va, names)}; {advice}.";
    }

    private static string Counts(int[] counts, IReadOnlyList<string> names) =>
        "[" + string.Join(", ", counts.Select((n, c) => $"{names[c]} {n}")) + "]";
}
