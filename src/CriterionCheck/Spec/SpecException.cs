using CriterionCheck.Symbolics.Parsing;

namespace CriterionCheck.Spec;

/// <summary>
/// A spec cannot be read or built: what is wrong and where. Thrown with a span; the loader attaches
/// the source so that <see cref="Diagnostic"/> reads <c>file:line:column: message</c>, the line and a caret.
/// </summary>
public sealed class SpecException : Exception
{
    /// <summary>An error at <paramref name="span"/> of a source attached later.</summary>
    public SpecException(string message, TextSpan span) : base(message) => Span = span;

    private SpecException(string message, TextSpan span, SourceText source) : base(message)
    {
        Span = span;
        SourceText = source;
    }

    /// <summary>Where the problem is.</summary>
    public TextSpan Span { get; }

    /// <summary>The text the span refers to, once known.</summary>
    public SourceText? SourceText { get; }

    /// <summary>The full message: file:line:column, the source line, a caret.</summary>
    public string Diagnostic => SourceText is null ? Message : Symbolics.Parsing.Diagnostic.Format(SourceText, Span, Message);

    /// <summary>This error located in <paramref name="source"/>.</summary>
    public SpecException In(SourceText source) => new(Message, Span, source);

    /// <summary>A spec error for an expression error.</summary>
    public static SpecException From(ExpressionException e) => new(e.Message, e.Span);
}
