namespace CriterionCheck.Symbolics.Parsing;

/// <summary>Kinds of tokens of the expression language.</summary>
public enum TokenKind
{
    /// <summary>A decimal literal.</summary>
    Number,
    /// <summary>A name.</summary>
    Identifier,
    /// <summary>+</summary>
    Plus,
    /// <summary>-</summary>
    Minus,
    /// <summary>*</summary>
    Star,
    /// <summary>/</summary>
    Slash,
    /// <summary>^</summary>
    Caret,
    /// <summary>(</summary>
    LeftParen,
    /// <summary>)</summary>
    RightParen,
    /// <summary>[</summary>
    LeftBracket,
    /// <summary>]</summary>
    RightBracket,
    /// <summary>,</summary>
    Comma,
    /// <summary>;</summary>
    Semicolon,
    /// <summary>' (marks a derivative atom, f'[1](x))</summary>
    Prime,
    /// <summary>End of the expression.</summary>
    End,
}

/// <summary>A token with its source span.</summary>
/// <param name="Kind">What kind of token.</param>
/// <param name="Text">The characters.</param>
/// <param name="Span">Where it is.</param>
public readonly record struct Token(TokenKind Kind, string Text, TextSpan Span);
