using Inertia.Tensors;

namespace Inertia.Metrics;

/// <summary>Shape checks and row helpers shared by the metrics.</summary>
internal static class MetricShapes
{
    /// <summary>Same shape, or equal but for a trailing axis of 1 ((n, 1) against (n,)).</summary>
    public static void CheckElementwise(string metric, Shape prediction, Shape target)
    {
        if (prediction.Equals(target)) return;
        bool ok = prediction.Size == target.Size && Math.Abs(prediction.Rank - target.Rank) == 1
            && (prediction.Rank > target.Rank ? prediction[-1] : target[-1]) == 1;
        for (int i = 0; ok && i < Math.Min(prediction.Rank, target.Rank); i++) ok = prediction[i] == target[i];
        if (!ok) throw new ArgumentException($"{metric}: targets of shape {target} do not match predictions of shape {prediction}.");
    }

    /// <summary>One class index per row of the predictions (shape without the class axis, or with it as 1).</summary>
    public static void CheckSparse(string metric, Shape prediction, Shape target)
    {
        bool ok = prediction.Rank >= 1 && target.Size * prediction[-1] == prediction.Size
            && (target.Rank == prediction.Rank - 1 || (target.Rank == prediction.Rank && target[-1] == 1));
        for (int i = 0; ok && i < prediction.Rank - 1; i++) ok = target[i] == prediction[i];
        if (!ok)
            throw new ArgumentException($"{metric}: sparse targets of shape {target} do not match predictions of shape {prediction} (one class index per row).");
    }

    /// <summary>Index of the first maximum (ties go to the lowest index, like argmax).</summary>
    public static int ArgMax(ReadOnlySpan<float> row)
    {
        int best = 0;
        for (int j = 1; j < row.Length; j++)
            if (row[j] > row[best]) best = j;
        return best;
    }
}
