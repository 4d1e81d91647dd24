using Inertia.Tensors;

namespace Inertia.Autograd.Ops;

/// <summary>Shape and label checks shared by the cross-entropy ops.</summary>
internal static class ClassTargets
{
    /// <summary>
    /// Checks a target against class scores of shape (…, classes): sparse targets hold one class
    /// index per row, shaped like the scores without their last axis (or with it as 1); dense
    /// targets have the scores' shape. Sparse labels must be whole numbers in [0, classes).
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not fit (both are named) or a label is invalid (its sample is named);
    /// the exception's parameter is <paramref name="targetName"/>.</exception>
    public static void Check(string loss, Shape scores, Tensor target, bool sparse, string targetName = "target")
    {
        if (scores.Rank < 1 || scores[-1] < 1)
            throw new ArgumentException($"{loss}: predictions {scores} need a class axis last.", nameof(scores));
        int classes = scores[-1];
        if (!sparse)
        {
            if (!target.Shape.Equals(scores))
                throw new ArgumentException($"{loss}: targets of shape {target.Shape} do not match predictions of shape {scores}.", targetName);
            return;
        }
        if (!FitsSparse(scores, target.Shape))
            throw new ArgumentException(
                $"{loss}: sparse targets of shape {target.Shape} do not match predictions of shape {scores} (expected one class index per row).",
                targetName);
        var labels = target.Span;
        for (int i = 0; i < labels.Length; i++)
        {
            float l = labels[i];
            if (!(l >= 0f && l < classes && l == MathF.Floor(l)))
                throw new ArgumentException($"{loss}: the label of sample {i} is {l}, not a class index in [0, {classes}).", targetName);
        }
    }

    private static bool FitsSparse(Shape scores, Shape target)
    {
        int rows = scores.Rank - 1;
        if (target.Rank == rows + 1 && target[-1] != 1) return false;
        if (target.Rank != rows && target.Rank != rows + 1) return false;
        for (int i = 0; i < rows; i++)
            if (target[i] != scores[i]) return false;
        return true;
    }
}
