using Inertia.Tensors;

namespace Inertia.Data;

/// <summary>
/// Samples for training or evaluation: a features tensor of shape (N, ...) and a targets tensor,
/// either class indices of shape (N,) stored as floats (classification) or values of shape (N, k)
/// (regression). The content is checked once, when the data set is created: equal N, finite
/// features, integral labels in [0, <see cref="ClassCount"/>). Data sets derived from a checked
/// one (<see cref="Slice"/>, <see cref="Split"/>, <see cref="Shuffle"/>, ...) are not checked again.
/// </summary>
public sealed class Dataset
{
    private Dataset(Tensor features, Tensor targets, int classCount, IReadOnlyList<string>? classNames)
    {
        Features = features;
        Targets = targets;
        ClassCount = classCount;
        ClassNames = classNames;
    }

    /// <summary>
    /// A classification data set. <paramref name="labels"/> has shape (N,) and holds class indices
    /// as floats.
    /// </summary>
    /// <exception cref="ArgumentException">Shapes disagree, a feature is NaN or infinite (the message names
    /// the sample and feature index), a label is not an integer in [0, classCount), or the class names
    /// do not number <paramref name="classCount"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is below 1.</exception>
    public static Dataset Classification(Tensor features, Tensor labels, int classCount, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        CheckFeatures(features);
        if (labels.Shape.Rank != 1 || labels.Shape[0] != features.Shape[0])
            throw new ArgumentException($"Labels must have shape ({features.Shape[0]},) to match features {features.Shape}; got {labels.Shape}.", nameof(labels));
        var span = labels.Span;
        for (int i = 0; i < span.Length; i++)
        {
            float y = span[i];
            if (!(y >= 0 && y < classCount) || y != MathF.Floor(y))
                throw new ArgumentException($"Label {y} of sample {i} is not a class index in [0, {classCount}).", nameof(labels));
        }
        if (classNames is not null && classNames.Count != classCount)
            throw new ArgumentException($"{classNames.Count} class names given for {classCount} classes.", nameof(classNames));
        return new Dataset(features, labels, classCount, classNames?.ToArray());
    }

    /// <summary>A regression data set. <paramref name="targets"/> has shape (N, k).</summary>
    /// <exception cref="ArgumentException">Shapes disagree, or a feature or target is NaN or infinite
    /// (the message names the sample and index).</exception>
    public static Dataset Regression(Tensor features, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        CheckFeatures(features);
        if (targets.Shape.Rank != 2 || targets.Shape[0] != features.Shape[0])
            throw new ArgumentException($"Targets must have shape ({features.Shape[0]}, k) to match features {features.Shape}; got {targets.Shape}.", nameof(targets));
        CheckFinite(targets, "Target", nameof(targets));
        return new Dataset(features, targets, 0, null);
    }

    /// <summary>Features, shape (N, ...).</summary>
    public Tensor Features { get; }

    /// <summary>Targets: class indices (N,) for classification, values (N, k) for regression.</summary>
    public Tensor Targets { get; }

    /// <summary>Number of classes; 0 for a regression data set.</summary>
    public int ClassCount { get; }

    /// <summary>Class names by index, when the source had them (CSV string labels, sklearn headers, generated sets).</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>True for class-index targets, false for regression targets.</summary>
    public bool IsClassification => ClassCount > 0;

    /// <summary>Number of samples N.</summary>
    public int Count => Features.Shape[0];

    /// <summary>The shape of one sample's features (the features shape without N).</summary>
    public Shape SampleShape => Features.Shape.DropFirst();

    /// <summary>Number of feature values per sample.</summary>
    public int FeatureSize => Count == 0 ? Features.Shape.DropFirst().Size : Features.Size / Count;

    /// <summary>Number of target values per sample (1 for classification, k for regression).</summary>
    public int TargetSize => IsClassification ? 1 : Targets.Shape[1];

    /// <summary>
    /// Rows [<paramref name="start"/>, start + count) as a view sharing this data set's storage.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The range does not lie inside the data set.</exception>
    public Dataset Slice(int start, int count)
    {
        if (start < 0 || count < 0 || (long)start + count > Count)
            throw new ArgumentOutOfRangeException(nameof(start), $"Samples [{start}, {(long)start + count}) are outside a data set of {Count}.");
        return new Dataset(Features.SliceRows(start, count), Targets.SliceRows(start, count), ClassCount, ClassNames);
    }

    /// <summary>The first <paramref name="count"/> samples, as a view.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or exceeds <see cref="Count"/>.</exception>
    public Dataset Take(int count)
    {
        if (count < 0 || count > Count)
            throw new ArgumentOutOfRangeException(nameof(count), $"Cannot take {count} samples from a data set of {Count}.");
        return Slice(0, count);
    }

    /// <summary>
    /// Splits off the last ⌊N · <paramref name="validationFraction"/>⌋ samples, unshuffled, as the
    /// validation part (the rule of Keras's <c>validation_split</c>: 10,000 samples at 0.2 give
    /// 8,000 + 2,000). Both parts are views.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is not in (0, 1) or leaves a part empty.</exception>
    public (Dataset Train, Dataset Validation) Split(double validationFraction)
    {
        int validation = PartSize(validationFraction, nameof(validationFraction));
        int train = Count - validation;
        return (Slice(0, train), Slice(train, validation));
    }

    /// <summary>
    /// Shuffles with <paramref name="seed"/>, then takes the last ⌊N · <paramref name="testFraction"/>⌋
    /// samples of the shuffled order as the test part. Both parts are copies.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is not in (0, 1) or leaves a part empty.</exception>
    public (Dataset Train, Dataset Test) TrainTestSplit(double testFraction, ulong seed)
    {
        int test = PartSize(testFraction, nameof(testFraction));
        int[] order = new SeededRandom(seed).Permutation(Count);
        int train = Count - test;
        return (Select(order.AsSpan(0, train)), Select(order.AsSpan(train)));
    }

    /// <summary>A copy with the samples in a seeded random order.</summary>
    public Dataset Shuffle(ulong seed) => Select(new SeededRandom(seed).Permutation(Count));

    /// <summary>A copy holding the samples at <paramref name="indices"/>, in that order (repeats allowed).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the data set.</exception>
    public Dataset Select(ReadOnlySpan<int> indices)
    {
        var features = new Tensor(Features.Shape.WithFirst(indices.Length));
        var targets = new Tensor(Targets.Shape.WithFirst(indices.Length));
        int fs = FeatureSize, ts = TargetSize;
        ReadOnlySpan<float> srcF = Features.Span, srcT = Targets.Span;
        Span<float> dstF = features.Span, dstT = targets.Span;
        for (int i = 0; i < indices.Length; i++)
        {
            int s = indices[i];
            if ((uint)s >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(indices), $"Index {s} at position {i} is outside a data set of {Count}.");
            srcF.Slice(s * fs, fs).CopyTo(dstF.Slice(i * fs, fs));
            srcT.Slice(s * ts, ts).CopyTo(dstT.Slice(i * ts, ts));
        }
        return new Dataset(features, targets, ClassCount, ClassNames);
    }

    /// <summary>
    /// The same targets with new features of the same N (for example scaled ones); the new
    /// features are checked for NaN and infinity.
    /// </summary>
    /// <exception cref="ArgumentException">N differs, or a feature is not finite.</exception>
    public Dataset WithFeatures(Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        CheckFeatures(features);
        if (features.Shape[0] != Count)
            throw new ArgumentException($"New features {features.Shape} do not have this data set's {Count} samples.", nameof(features));
        return new Dataset(features, Targets, ClassCount, ClassNames);
    }

    /// <summary>Number of samples of each class (classification only).</summary>
    /// <exception cref="InvalidOperationException">The data set is a regression set.</exception>
    public int[] ClassCounts()
    {
        if (!IsClassification)
            throw new InvalidOperationException("A regression data set has no classes.");
        var counts = new int[ClassCount];
        foreach (float y in Targets.Span) counts[(int)y]++;
        return counts;
    }

    /// <inheritdoc />
    public override string ToString() => IsClassification
        ? $"Dataset({Count} samples, features {SampleShape}, {ClassCount} classes)"
        : $"Dataset({Count} samples, features {SampleShape}, targets ({TargetSize},))";

    private int PartSize(double fraction, string name)
    {
        if (!(fraction > 0 && fraction < 1))
            throw new ArgumentOutOfRangeException(name, fraction, "The fraction must lie strictly between 0 and 1.");
        // The relative nudge keeps products like 10000 * 0.2 from flooring to 1999 through rounding.
        int part = (int)Math.Floor(Count * fraction * (1 + 1e-12));
        if (part == 0 || part == Count)
            throw new ArgumentOutOfRangeException(name, fraction, $"A fraction of {fraction} of {Count} samples leaves one part empty.");
        return part;
    }

    private static void CheckFeatures(Tensor features)
    {
        if (features.Shape.Rank < 2)
            throw new ArgumentException($"Features must have shape (N, ...) with at least one feature axis; got {features.Shape}.", nameof(features));
        CheckFinite(features, "Feature", nameof(features));
    }

    private static void CheckFinite(Tensor t, string what, string parameter)
    {
        ReadOnlySpan<float> span = t.Span;
        int index = NonFiniteSearch.IndexOfFirst(span);
        if (index < 0) return;
        int rowSize = t.Size / t.Shape[0];
        throw new ArgumentException(
            $"{what} {index % rowSize} of sample {index / rowSize} is {span[index]}; data must be finite (found once, when the data set was created).",
            parameter);
    }
}
