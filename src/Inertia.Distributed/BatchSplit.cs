namespace Inertia.Distributed;

/// <summary>
/// The fixed split of a global batch over ranks: rank r takes rows ⌊B·r/N⌋ … ⌊B·(r+1)/N⌋ − 1, so
/// sizes differ by at most one (7 rows on 3 ranks: 2, 2, 3) and a batch smaller than the world
/// leaves some ranks empty rather than failing.
/// </summary>
internal static class BatchSplit
{
    /// <summary>First row of <paramref name="rank"/>'s share of <paramref name="rows"/> rows split over <paramref name="size"/> ranks.</summary>
    public static int Start(int rows, int rank, int size) => (int)((long)rows * rank / size);

    /// <summary>Rows in <paramref name="rank"/>'s share.</summary>
    public static int Count(int rows, int rank, int size) => Start(rows, rank + 1, size) - Start(rows, rank, size);
}
