namespace Inertia.Data;

/// <summary>What the first line of a CSV file is.</summary>
public enum CsvHeader
{
    /// <summary>
    /// Decide from the first line: all fields numeric means data; two non-negative integers
    /// followed by names means a scikit-learn header; anything else is a row of column names.
    /// </summary>
    Auto,

    /// <summary>The first line names the columns.</summary>
    Present,

    /// <summary>The first line is data.</summary>
    Absent,

    /// <summary>
    /// scikit-learn's header <c>n_samples,n_features,class_0,class_1,...</c> (as in its
    /// iris.csv): the rows hold n_features values and then a class index into the listed names.
    /// </summary>
    Sklearn,
}
