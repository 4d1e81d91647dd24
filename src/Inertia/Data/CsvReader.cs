using System.Globalization;
using System.Text;
using Inertia.Tensors;

namespace Inertia.Data;

/// <summary>
/// Reads a delimited text file of numeric feature columns and one label column into a
/// <see cref="Dataset"/> with features (N, columns − 1). Class labels may be integers (used as
/// class indices) or any text (mapped to class indices in order of first appearance, the texts
/// kept as <see cref="Dataset.ClassNames"/>); if any label is not an integer, all labels are
/// read as text; a label that is a number but not a whole one, or an empty label, is an error.
/// Lines end with LF, CRLF or a lone CR. Fields may be double-quoted ("" escapes a quote);
/// blank lines are not rows. <c>inf</c>, <c>Infinity</c> and <c>NaN</c> (any case, any sign)
/// are all refused as features the same way: as values that are not finite.
/// Every content problem throws <see cref="DataFormatException"/> naming the file, the line and,
/// where one is to blame, the column. Memory is bounded by a small multiple of the file size:
/// nothing is allocated from counts a header claims.
/// </summary>
public static class CsvReader
{
    /// <summary>The largest class count inferred from integer labels without <see cref="CsvOptions.ClassCount"/>.</summary>
    public const int MaxInferredClassCount = 100_000;

    /// <summary>The default <see cref="CsvOptions.MaxBytes"/>: 1 GiB.</summary>
    public const long DefaultMaxBytes = 1L << 30;

    private const int LinesBetweenCancellationChecks = 4096;

    /// <summary>Reads the file at <paramref name="path"/> (UTF-8 unless a byte-order mark says otherwise).</summary>
    /// <exception cref="DataFormatException">The content is not a valid data file for these options.</exception>
    /// <exception cref="IOException">The path is not a regular file, or the file is larger than <see cref="CsvOptions.MaxBytes"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while reading.</exception>
    public static Dataset Read(string path, CsvOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var file = IO.InputFile.OpenRead(path, "CSV file", (options ?? new CsvOptions()).MaxBytes, "CsvOptions.MaxBytes");
        return Read(file, path, options, cancellationToken);
    }

    /// <summary>Reads CSV text from <paramref name="stream"/>; <paramref name="name"/> is used in error messages.</summary>
    /// <exception cref="DataFormatException">The content is not a valid data file for these options.</exception>
    /// <exception cref="ArgumentException">The options contradict each other.</exception>
    public static Dataset Read(Stream stream, string name, CsvOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        options ??= new CsvOptions();
        if (options.Delimiter is '"' or '\n' or '\r' or ' ')
            throw new ArgumentException($"'{options.Delimiter}' cannot separate fields.", nameof(options));
        if (options.ClassCount is < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.ClassCount, "ClassCount must be at least 1.");
        if (options.ClassNames is { } names && (options.Regression || names.Count == 0 || names.Distinct(StringComparer.Ordinal).Count() != names.Count))
            throw new ArgumentException("ClassNames must list at least one class, each once, and does not fit Regression = true.", nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBytes, 1, nameof(options));
        return new Parser(ReadText(stream, name, options.MaxBytes, cancellationToken), name, options, cancellationToken).Parse();
    }

    // In chunks, so a cancellation acts within one and a stream longer than the cap stops there
    // (every character took at least one byte).
    private static string ReadText(Stream stream, string name, long maxBytes, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var text = new StringBuilder();
        var chunk = new char[4096];
        int n;
        while ((n = reader.Read(chunk)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (text.Length + n > maxBytes)
                throw new DataFormatException(name, 1, null, $"the data goes on past {maxBytes:N0} bytes, the most CsvOptions.MaxBytes allows.");
            text.Append(chunk, 0, n);
        }
        return text.ToString();
    }

    private sealed class Parser(string text, string name, CsvOptions options, CancellationToken cancellationToken)
    {
        private readonly List<CsvField> _fields = [];
        private readonly List<float> _features = [];
        private readonly List<double> _numericLabels = [];
        private readonly List<int> _textLabels = [];
        private readonly Dictionary<string, int> _labelIndex = new(StringComparer.Ordinal);
        private readonly List<string> _labelNames = [];
        private string[]? _columnNames;
        private string[]? _sklearnClassNames;
        private int _sklearnRows = -1, _columns = -1, _labelColumn = -1, _position, _lineNumber;
        private bool _allLabelsIntegral = true;

        public Dataset Parse()
        {
            if (options.ClassNames is { } given)
                foreach (string n in given)
                {
                    _labelIndex.Add(n, _labelNames.Count);
                    _labelNames.Add(n);
                }
            if (text.Length > 0 && text[0] == '\uFEFF') _position = 1;
            bool first = true;
            while (NextLine(out ReadOnlySpan<char> line))
            {
                if (_lineNumber % LinesBetweenCancellationChecks == 0) cancellationToken.ThrowIfCancellationRequested();
                if (line.IsWhiteSpace()) continue;
                Split(line);
                if (first)
                {
                    first = false;
                    if (ReadHeader(line)) continue;
                }
                ReadRow(line);
            }
            return Build();
        }

        private bool NextLine(out ReadOnlySpan<char> line)
        {
            line = default;
            if (_position >= text.Length) return false;
            int end = text.AsSpan(_position).IndexOfAny('\n', '\r');
            end = end < 0 ? text.Length : _position + end;
            line = text.AsSpan(_position, end - _position);
            _position = end < text.Length && text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? end + 2 : end + 1;
            _lineNumber++;
            return true;
        }

        private bool ReadHeader(ReadOnlySpan<char> line)
        {
            CsvHeader mode = options.Header;
            if (mode == CsvHeader.Auto)
                mode = AllNumeric(line) ? CsvHeader.Absent : LooksSklearn(line) ? CsvHeader.Sklearn : CsvHeader.Present;
            switch (mode)
            {
                case CsvHeader.Absent:
                    return false;
                case CsvHeader.Present:
                    _columnNames = new string[_fields.Count];
                    for (int c = 0; c < _fields.Count; c++) _columnNames[c] = FieldText(line, c);
                    SetColumns(_fields.Count);
                    return true;
                default:
                    ReadSklearnHeader(line);
                    return true;
            }
        }

        private void ReadSklearnHeader(ReadOnlySpan<char> line)
        {
            if (options.Regression)
                throw new ArgumentException($"{name} has a scikit-learn header listing class names, which does not fit Regression = true.", nameof(options));
            if (_fields.Count < 3 || !TryNonNegativeInt(line, 0, out int rows) || !TryNonNegativeInt(line, 1, out int features))
                throw Error(null, "a scikit-learn header is n_samples,n_features,class names... (at least one class name).");
            if (features < 1 || (long)features + 1 > text.Length)
                throw Error(2, $"the header's feature count {features} cannot be right for a file of {text.Length} characters.");
            _sklearnRows = rows;
            _sklearnClassNames = new string[_fields.Count - 2];
            for (int c = 2; c < _fields.Count; c++) _sklearnClassNames[c - 2] = FieldText(line, c);
            SetColumns(features + 1);
        }

        private void SetColumns(int columns)
        {
            _columns = columns;
            if (columns < 2)
                throw Error(null, $"{columns} column(s): a data file needs at least one feature column and a label column.");
            _labelColumn = ResolveLabelColumn();
        }

        private int ResolveLabelColumn()
        {
            string? label = options.Label;
            if (label is null) return _columns - 1;
            if (_columnNames is not null)
            {
                int named = Array.IndexOf(_columnNames, label);
                if (named >= 0) return named;
            }
            if (int.TryParse(label, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int index))
            {
                int resolved = index < 0 ? _columns + index : index;
                if (resolved < 0 || resolved >= _columns)
                    throw Error(null, $"label column {index} does not exist in a file of {_columns} columns.");
                return resolved;
            }
            throw Error(null, _columnNames is null
                ? $"no column is named '{label}': the file has no header of column names; give the label column by index."
                : $"no column is named '{label}'; the columns are {Shorten(string.Join(", ", _columnNames))}.");
        }

        private void ReadRow(ReadOnlySpan<char> line)
        {
            if (_columns < 0) SetColumns(_fields.Count);
            if (_fields.Count != _columns)
                throw Error(null, $"{_fields.Count} columns where every row has {_columns}.");
            for (int c = 0; c < _columns; c++)
            {
                if (c == _labelColumn) ReadLabel(line, c);
                else _features.Add(ReadNumber(line, c));
            }
        }

        private void ReadLabel(ReadOnlySpan<char> line, int c)
        {
            if (options.Regression)
            {
                _numericLabels.Add(ReadNumber(line, c));
                return;
            }
            ReadOnlySpan<char> token = Field(line, c);
            if (token.IsEmpty)
                throw Error(c + 1, "the label is empty; every row needs a class.");
            bool numeric = double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v);
            if (numeric && v != Math.Floor(v))
                throw Error(c + 1, $"label '{Shorten(token)}' is a number but not a whole one; class labels are class indices or names.");
            bool integral = numeric && Math.Abs(v) <= int.MaxValue;
            if (integral)
            {
                if (v < 0)
                    throw Error(c + 1, $"label {v} is negative; class indices start at 0.");
                long limit = _sklearnClassNames?.Length ?? options.ClassCount ?? MaxInferredClassCount;
                if (v >= limit)
                    throw Error(c + 1, _sklearnClassNames is not null ? $"label {v} has no class name; the header lists {limit}."
                        : options.ClassCount is not null ? $"label {v} is outside the {limit} classes."
                        : $"label {v} would mean more than {MaxInferredClassCount} classes; set CsvOptions.ClassCount if that is intended.");
                _numericLabels.Add(v);
            }
            else
            {
                if (_sklearnClassNames is not null)
                    throw Error(c + 1, $"label '{token}' is not a class index; the scikit-learn header needs integer labels.");
                _allLabelsIntegral = false;
            }
            // Escaped quotes make the raw token differ from the label's text, so those look up by text.
            string? text = _fields[c].Escaped ? FieldText(line, c) : null;
            bool known = text is null
                ? _labelIndex.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(token, out int index)
                : _labelIndex.TryGetValue(text, out index);
            if (!known && options.ClassNames is { } classes)
                throw Error(c + 1, $"label '{Shorten(text ?? token.ToString())}' is not one of the {classes.Count} classes given ({Shorten(string.Join(", ", classes))}).");
            if (!known)
            {
                index = _labelNames.Count;
                text ??= token.ToString();
                _labelIndex.Add(text, index);
                _labelNames.Add(text);
            }
            _textLabels.Add(index);
        }

        private float ReadNumber(ReadOnlySpan<char> line, int c)
        {
            ReadOnlySpan<char> token = Field(line, c);
            if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && !NonFinite(token))
                throw Error(c + 1, token.IsEmpty ? $"{ColumnName(c)} is empty; every feature must be a number." : $"{ColumnName(c)} holds '{Shorten(token)}', which is not a number.");
            float f = (float)v;
            if (!float.IsFinite(f) || NonFinite(token))
                throw Error(c + 1, $"{ColumnName(c)} holds '{Shorten(token)}', which is not a finite float32 value.");
            return f;
        }

        // .NET reads "Infinity" and "NaN" but not C's "inf" and "nan": all of them are the same non-finite value.
        private static bool NonFinite(ReadOnlySpan<char> token)
        {
            ReadOnlySpan<char> t = token.TrimStart("+-");
            return t.Equals("inf", StringComparison.OrdinalIgnoreCase) || t.Equals("infinity", StringComparison.OrdinalIgnoreCase)
                || t.Equals("nan", StringComparison.OrdinalIgnoreCase) || t.SequenceEqual("∞");
        }

        private Dataset Build()
        {
            int rows = _features.Count / Math.Max(1, _columns - 1);
            if (_columns < 0 || rows == 0)
                throw Error(null, "the file holds no data rows.");
            if (_sklearnRows >= 0 && rows != _sklearnRows)
                throw new DataFormatException(name, 1, 1, $"the scikit-learn header promises {_sklearnRows} rows; the file has {rows}.");
            var features = new Tensor(rows, _columns - 1);
            _features.CopyTo(features.Span);
            if (options.Regression)
            {
                var targets = new Tensor(rows, 1);
                for (int i = 0; i < rows; i++) targets[i, 0] = (float)_numericLabels[i];
                return Dataset.Regression(features, targets);
            }
            var labels = new Tensor(rows);
            Span<float> y = labels.Span;
            if (_allLabelsIntegral && options.ClassNames is null)
            {
                double max = 0;
                for (int i = 0; i < rows; i++) { y[i] = (float)_numericLabels[i]; max = Math.Max(max, _numericLabels[i]); }
                int classCount = _sklearnClassNames?.Length ?? options.ClassCount ?? (int)max + 1;
                return Dataset.Classification(features, labels, classCount, _sklearnClassNames);
            }
            for (int i = 0; i < rows; i++) y[i] = _textLabels[i];
            return Dataset.Classification(features, labels, _labelNames.Count, _labelNames);
        }

        private bool AllNumeric(ReadOnlySpan<char> line)
        {
            for (int c = 0; c < _fields.Count; c++)
                if (!double.TryParse(Field(line, c), NumberStyles.Float, CultureInfo.InvariantCulture, out _)) return false;
            return true;
        }

        private bool LooksSklearn(ReadOnlySpan<char> line)
        {
            if (_fields.Count < 3 || !TryNonNegativeInt(line, 0, out _) || !TryNonNegativeInt(line, 1, out _)) return false;
            for (int c = 2; c < _fields.Count; c++)
                if (double.TryParse(Field(line, c), NumberStyles.Float, CultureInfo.InvariantCulture, out _)) return false;
            return true;
        }

        private bool TryNonNegativeInt(ReadOnlySpan<char> line, int c, out int value) =>
            int.TryParse(Field(line, c), NumberStyles.None, CultureInfo.InvariantCulture, out value);

        private void Split(ReadOnlySpan<char> line)
        {
            _fields.Clear();
            char delimiter = options.Delimiter;
            int i = 0;
            while (true)
            {
                while (i < line.Length && line[i] == ' ' && delimiter != ' ') i++;
                if (i < line.Length && line[i] == '"')
                {
                    int start = i + 1, j = start;
                    bool escaped = false;
                    while (true)
                    {
                        if (j >= line.Length)
                            throw Error(_fields.Count + 1, "a quoted field is not closed on its line.");
                        if (line[j] == '"')
                        {
                            if (j + 1 < line.Length && line[j + 1] == '"') { escaped = true; j += 2; continue; }
                            break;
                        }
                        j++;
                    }
                    _fields.Add(new CsvField(start, j - start, escaped));
                    i = j + 1;
                    while (i < line.Length && line[i] == ' ') i++;
                    if (i < line.Length && line[i] != delimiter)
                        throw Error(_fields.Count, "text follows the closing quote of a quoted field.");
                }
                else
                {
                    int end = line[i..].IndexOf(delimiter);
                    end = end < 0 ? line.Length : i + end;
                    int length = end - i;
                    while (length > 0 && char.IsWhiteSpace(line[i + length - 1])) length--;
                    _fields.Add(new CsvField(i, length, false));
                    i = end;
                }
                if (i >= line.Length) return;
                i++; // the delimiter
            }
        }

        private ReadOnlySpan<char> Field(ReadOnlySpan<char> line, int c)
        {
            CsvField f = _fields[c];
            return line.Slice(f.Start, f.Length);
        }

        private string FieldText(ReadOnlySpan<char> line, int c)
        {
            string s = Field(line, c).ToString();
            return _fields[c].Escaped ? s.Replace("\"\"", "\"") : s;
        }

        private string ColumnName(int c) =>
            _columnNames is not null ? $"column '{Shorten(_columnNames[c])}'" : "the field";

        private static string Shorten(ReadOnlySpan<char> s) => s.Length <= 40 ? s.ToString() : string.Concat(s[..37], "...");

        private DataFormatException Error(int? column, string problem) => new(name, _lineNumber, column, problem);
    }

    private readonly record struct CsvField(int Start, int Length, bool Escaped);
}
