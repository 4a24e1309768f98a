using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using CriterionCheck.Families;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Parsing;

namespace CriterionCheck.Numerics;

/// <summary>
/// Reads observations from CSV (one row per data point, an optional header naming the observable's
/// coordinates) or NPY (a little-endian float64/float32/int64/int32 array of shape (N, D) or (N,)).
/// Every problem — a wrong number of columns, text that is not a number, NaN or infinity, a value
/// outside the observable's support — is a <see cref="NumericException"/> naming the place.
/// </summary>
public static class DataFile
{
    /// <summary>The data in <paramref name="path"/> for <paramref name="model"/>'s observable.</summary>
    /// <exception cref="NumericException">The file is malformed or does not fit the model (message ready to print).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static DataSet Read(string path, Model model, LatentLayout layout) =>
        path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase)
            ? Npy(path, File.ReadAllBytes(path), model, layout)
            : Csv(new SourceText(path, File.ReadAllText(path)), model, layout);

    /// <summary>Parses CSV text named by <paramref name="source"/>.</summary>
    public static DataSet Csv(SourceText source, Model model, LatentLayout layout)
    {
        var columns = layout.Observed.Select(s => s.ToString()).ToImmutableArray();
        var rows = new List<double[]>();
        var text = source.Text;
        var lineStart = 0;
        var headerSeen = false;
        while (lineStart < text.Length)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0) lineEnd = text.Length;
            var contentEnd = lineEnd > lineStart && text[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            var line = text[lineStart..contentEnd];
            if (line.Trim().Length > 0 && !line.TrimStart().StartsWith('#'))
            {
                var fields = Fields(line, lineStart);
                if (rows.Count == 0 && !headerSeen && fields.All(f => !IsNumberLike(f.Text)))
                {
                    headerSeen = true;
                    if (fields.Count != columns.Length)
                        throw Error(source, fields[0].Start, line.Length, $"the header names {fields.Count} column(s); {model.Observable.Variable} has {columns.Length}: {string.Join(", ", columns)}");
                    for (var i = 0; i < fields.Count; i++)
                        if (Normal(fields[i].Text) != Normal(columns[i]))
                            throw Error(source, fields[i].Start, fields[i].Text.Length, $"column {i + 1} is named '{fields[i].Text.Trim()}', but the observable's coordinate {i + 1} is {columns[i]}");
                }
                else
                {
                    if (fields.Count != columns.Length)
                        throw Error(source, fields[0].Start, Math.Max(1, line.Length), $"expected {columns.Length} value(s) per row ({string.Join(", ", columns)}), found {fields.Count}");
                    var row = new double[fields.Count];
                    for (var i = 0; i < fields.Count; i++)
                    {
                        var (start, raw) = fields[i];
                        var trimmed = raw.Trim();
                        var at = start + raw.IndexOf(trimmed, StringComparison.Ordinal);
                        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                            throw Error(source, at, Math.Max(1, trimmed.Length), $"'{trimmed}' is not a number");
                        if (!double.IsFinite(v)) throw Error(source, at, trimmed.Length, $"{trimmed} is not a finite value; the data must not contain NaN or infinity");
                        if (SupportProblem(model, i, v) is { } problem) throw Error(source, at, trimmed.Length, $"{columns[i]} = {trimmed} {problem}");
                        row[i] = v;
                    }
                    rows.Add(row);
                }
            }
            lineStart = lineEnd + 1;
        }
        if (rows.Count == 0) throw new NumericException($"{source.Name}: no data rows");
        return new DataSet(columns, [.. rows]);
    }

    private static DataSet Npy(string path, byte[] bytes, Model model, LatentLayout layout)
    {
        var columns = layout.Observed.Select(s => s.ToString()).ToImmutableArray();
        if (bytes.Length < 10 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY")
            throw new NumericException($"{path}: not an NPY file (no \\x93NUMPY magic)");
        var major = bytes[6];
        if (major >= 2 && bytes.Length < 12) throw new NumericException($"{path}: the NPY header is cut short");
        int headerLength, headerStart;
        if (major == 1) (headerLength, headerStart) = (BitConverter.ToUInt16(bytes, 8), 10);
        else (headerLength, headerStart) = ((int)BitConverter.ToUInt32(bytes, 8), 12);
        if (headerStart + headerLength > bytes.Length) throw new NumericException($"{path}: the NPY header is cut short");
        var header = Encoding.Latin1.GetString(bytes, headerStart, headerLength);
        var descr = Value(header, "descr")?.Trim('\'', '"', ' ');
        var fortran = Value(header, "fortran_order")?.Trim();
        var shapeText = Value(header, "shape");
        if (descr is null || fortran is null || shapeText is null) throw new NumericException($"{path}: the NPY header lacks descr, fortran_order or shape: {header.Trim()}");
        if (fortran != "False") throw new NumericException($"{path}: Fortran-ordered arrays are not supported; save with numpy.ascontiguousarray");
        var shape = shapeText.Trim('(', ')', ' ').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw new NumericException($"{path}: the NPY shape {shapeText} is not a tuple of sizes"))
            .ToArray();
        var (n, d) = shape.Length switch
        {
            1 => (shape[0], 1L),
            2 => (shape[0], shape[1]),
            _ => throw new NumericException($"{path}: expected a 2-dimensional array (N, D), got shape ({string.Join(", ", shape)})"),
        };
        if (d != columns.Length) throw new NumericException($"{path}: the array has {d} column(s); {model.Observable.Variable} has {columns.Length}: {string.Join(", ", columns)}");
        Func<int, double> read = descr switch
        {
            "<f8" => o => BitConverter.ToDouble(bytes, o),
            "<f4" => o => BitConverter.ToSingle(bytes, o),
            "<i8" => o => BitConverter.ToInt64(bytes, o),
            "<i4" => o => BitConverter.ToInt32(bytes, o),
            _ => throw new NumericException($"{path}: unsupported dtype '{descr}'; use little-endian float64, float32, int64 or int32"),
        };
        var size = descr[^1] - '0';
        var dataStart = headerStart + headerLength;
        if (dataStart + n * d * size != bytes.Length) throw new NumericException($"{path}: the header promises {n}×{d} values of {size} bytes, but the file holds {bytes.Length - dataStart} bytes of data");
        if (n == 0) throw new NumericException($"{path}: no data rows");
        var rows = new double[n][];
        for (var i = 0; i < n; i++)
        {
            rows[i] = new double[d];
            for (var j = 0; j < d; j++)
            {
                var v = read(dataStart + (int)((i * d + j) * size));
                if (!double.IsFinite(v)) throw new NumericException($"{path}: row {i + 1}, column {j + 1} ({columns[j]}) is {v}; the data must not contain NaN or infinity");
                if (SupportProblem(model, j, v) is { } problem) throw new NumericException($"{path}: row {i + 1}: {columns[j]} = {v.ToString("R", CultureInfo.InvariantCulture)} {problem}");
                rows[i][j] = v;
            }
        }
        return new DataSet(columns, [.. rows]);
    }

    // Why v cannot be a value of the observable's coordinate, or null.
    private static string? SupportProblem(Model model, int column, double v)
    {
        var support = model.Observable.Family.Support;
        return support.Kind switch
        {
            SupportKind.Binary when v is not (0 or 1) => "is not 0 or 1",
            SupportKind.Count when v < 0 || v != Math.Floor(v) => "is not a count (0, 1, 2, …)",
            SupportKind.BoundedCount when v < 0 || v > support.Size || v != Math.Floor(v) => $"is not a count between 0 and {support.Size}",
            SupportKind.Positive when !(v > 0) => "is not positive",
            SupportKind.UnitInterval when !(v > 0 && v < 1) => "is outside (0, 1)",
            _ => null,
        };
    }

    private static string? Value(string header, string key)
    {
        var at = header.IndexOf($"'{key}'", StringComparison.Ordinal);
        if (at < 0) return null;
        var colon = header.IndexOf(':', at);
        if (colon < 0) return null;
        var rest = header[(colon + 1)..].TrimStart();
        var end = rest.StartsWith('(') ? rest.IndexOf(')') + 1 : rest.IndexOfAny([',', '}']);
        return end <= 0 ? null : rest[..end];
    }

    private static List<(int Start, string Text)> Fields(string line, int offset)
    {
        var result = new List<(int, string)>();
        var start = 0;
        for (var i = 0; i <= line.Length; i++)
            if (i == line.Length || line[i] == ',')
            {
                result.Add((offset + start, line[start..i]));
                start = i + 1;
            }
        return result;
    }

    // "inf" and "nan" count too: a row of them is bad data, not a header.
    private static bool IsNumberLike(string field) =>
        double.TryParse(field.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        || field.Trim().TrimStart('+', '-').ToLowerInvariant() is "inf" or "nan" or "infinity";

    private static string Normal(string name) => name.Replace(" ", "", StringComparison.Ordinal).Trim('"');

    private static NumericException Error(SourceText source, int offset, int length, string message) =>
        new(Diagnostic.Format(source, new TextSpan(offset, length), message));
}
