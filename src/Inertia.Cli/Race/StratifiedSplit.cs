using Inertia.Data;

namespace Inertia.Cli.Race;

/// <summary>
/// <c>--shuffle-split</c>: holds out about the validation fraction of every class, chosen by a
/// seeded shuffle within the class, so both parts hold every class that has two samples or more.
/// Each part keeps the file's order. The default stays the unshuffled split, which reproduces
/// Keras's <c>validation_split</c> (and the book's), for sorted files too.
/// </summary>
internal static class StratifiedSplit
{
    public static (Dataset Train, Dataset Validation) Split(Dataset all, double validationFraction, ulong seed)
    {
        var byClass = new List<int>[all.ClassCount];
        for (int c = 0; c < byClass.Length; c++) byClass[c] = [];
        var labels = all.Targets.Span;
        for (int i = 0; i < all.Count; i++) byClass[(int)labels[i]].Add(i);
        var train = new List<int>(all.Count);
        var validation = new List<int>();
        for (int c = 0; c < byClass.Length; c++)
        {
            var members = byClass[c];
            int n = members.Count;
            int held = n < 2 ? 0 : Math.Clamp((int)Math.Round(n * validationFraction, MidpointRounding.AwayFromZero), 1, n - 1);
            int[] order = new SeededRandom(SeededRandom.DeriveSeed(seed, (ulong)c)).Permutation(n);
            for (int k = 0; k < n; k++) (k < held ? validation : train).Add(members[order[k]]);
        }
        if (train.Count == 0 || validation.Count == 0)
            throw new ArgumentException($"a stratified split of {all.Count} samples at {validationFraction} leaves a part empty.");
        train.Sort();
        validation.Sort();
        return (all.Select(train.ToArray()), all.Select(validation.ToArray()));
    }
}
