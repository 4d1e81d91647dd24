namespace Inertia.Tensors;

/// <summary>How a micro-kernel folds its tile of sums S into C.</summary>
internal enum GemmWriteMode
{
    /// <summary>C ← α·S: the first k-block with β = 0, which never reads C (NaN there cannot leak).</summary>
    Overwrite,

    /// <summary>C ← α·S + β·C: the first k-block with β ≠ 0.</summary>
    Blend,

    /// <summary>C ← C + α·S: every later k-block.</summary>
    Accumulate,
}
