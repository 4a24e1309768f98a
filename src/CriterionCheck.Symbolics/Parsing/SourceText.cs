namespace CriterionCheck.Symbolics.Parsing;

/// <summary>
/// Text being parsed together with the name users know it by (a file path, or
/// <c>&lt;expression&gt;</c> for a command-line argument), so every error can say file:line:column.
/// </summary>
public sealed class SourceText
{
    private readonly int[] lineStarts;

    /// <summary>The name shown in messages.</summary>
    public string Name { get; }

    /// <summary>The full text.</summary>
    public string Text { get; }

    /// <summary>Wraps <paramref name="text"/> named <paramref name="name"/>.</summary>
    public SourceText(string name, string text)
    {
        Name = name;
        Text = text;
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
            if (text[i] == '\n') starts.Add(i + 1);
        lineStarts = [.. starts];
    }

    /// <summary>The 1-based line and column of <paramref name="offset"/>.</summary>
    public (int Line, int Column) Position(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var line = Array.BinarySearch(lineStarts, offset);
        if (line < 0) line = ~line - 1;
        return (line + 1, offset - lineStarts[line] + 1);
    }

    /// <summary>The text of 1-based line <paramref name="line"/> without its line break.</summary>
    public string Line(int line)
    {
        var start = lineStarts[line - 1];
        var end = line < lineStarts.Length ? lineStarts[line] - 1 : Text.Length;
        if (end > start && Text[end - 1] == '\r') end--;
        return Text[start..end];
    }
}
