namespace CriterionCheck.Symbolics.Parsing;

/// <summary>A range of characters in a <see cref="SourceText"/>, by 0-based offset.</summary>
/// <param name="Start">Offset of the first character.</param>
/// <param name="Length">Number of characters (0 for a position between characters).</param>
public readonly record struct TextSpan(int Start, int Length)
{
    /// <summary>Offset just past the span.</summary>
    public int End => Start + Length;

    /// <summary>The span from the start of <paramref name="a"/> to the end of <paramref name="b"/>.</summary>
    public static TextSpan Cover(TextSpan a, TextSpan b) => new(a.Start, Math.Max(a.End, b.End) - a.Start);
}
