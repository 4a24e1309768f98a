namespace CriterionCheck.Symbolics.Parsing;

/// <summary>An expression cannot be read: what is wrong and where.</summary>
public sealed class ExpressionException(string message, TextSpan span) : Exception(message)
{
    /// <summary>Where in the source the problem is.</summary>
    public TextSpan Span { get; } = span;

    /// <summary>The full diagnostic (file:line:column, source line, caret) for <paramref name="source"/>.</summary>
    public string Format(SourceText source) => Diagnostic.Format(source, Span, Message);
}
