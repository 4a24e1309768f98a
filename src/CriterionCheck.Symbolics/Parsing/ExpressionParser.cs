using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Symbolics.Parsing;

/// <summary>Reads expression text into canonical expressions.</summary>
public static class ExpressionParser
{
    /// <summary>Parses <paramref name="text"/> in <paramref name="context"/> (default: built-ins only).</summary>
    /// <exception cref="ExpressionException">Malformed text, with the span to show.</exception>
    public static Expr Parse(string text, ExpressionContext? context = null) =>
        Lowering.Lower(SyntaxParser.Parse(text), context ?? ExpressionContext.Default);

    /// <summary>Parses the part <c>[start, end)</c> of a larger source (a spec file), spans relative to the whole text.</summary>
    public static Expr Parse(SourceText source, int start, int end, ExpressionContext? context = null) =>
        Lowering.Lower(SyntaxParser.Parse(source.Text, start, end), context ?? ExpressionContext.Default);
}
