namespace CriterionCheck.Symbolics.Parsing;

/// <summary>Splits expression text into tokens; rejects characters the language has no use for.</summary>
public static class Lexer
{
    /// <summary>The tokens of <c>text[start..end]</c>, ending with <see cref="TokenKind.End"/>.</summary>
    /// <exception cref="ExpressionException">A character that cannot start a token.</exception>
    public static List<Token> Tokenize(string text, int start, int end)
    {
        var tokens = new List<Token>();
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (c is ' ' or '\t' or '\r' or '\n') { i++; continue; }
            var begin = i;
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < end && char.IsAsciiDigit(text[i + 1])))
            {
                while (i < end && char.IsAsciiDigit(text[i])) i++;
                if (i < end && text[i] == '.') { i++; while (i < end && char.IsAsciiDigit(text[i])) i++; }
                // An exponent only when digits follow, so that "2e" stays the number 2 then the name e.
                if (i < end && text[i] is 'e' or 'E')
                {
                    var j = i + 1;
                    if (j < end && text[j] is '+' or '-') j++;
                    if (j < end && char.IsAsciiDigit(text[j])) { i = j; while (i < end && char.IsAsciiDigit(text[i])) i++; }
                }
                tokens.Add(new Token(TokenKind.Number, text[begin..i], new TextSpan(begin, i - begin)));
                continue;
            }
            if (char.IsLetter(c) || c == '_')
            {
                while (i < end && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) i++;
                tokens.Add(new Token(TokenKind.Identifier, text[begin..i], new TextSpan(begin, i - begin)));
                continue;
            }
            TokenKind? kind = c switch
            {
                '+' => TokenKind.Plus,
                '-' => TokenKind.Minus,
                '*' => TokenKind.Star,
                '/' => TokenKind.Slash,
                '^' => TokenKind.Caret,
                '(' => TokenKind.LeftParen,
                ')' => TokenKind.RightParen,
                '[' => TokenKind.LeftBracket,
                ']' => TokenKind.RightBracket,
                ',' => TokenKind.Comma,
                ';' => TokenKind.Semicolon,
                '\'' => TokenKind.Prime,
                _ => null,
            };
            if (kind is null) throw new ExpressionException(Describe(c), new TextSpan(i, 1));
            tokens.Add(new Token(kind.Value, c.ToString(), new TextSpan(i, 1)));
            i++;
        }
        tokens.Add(new Token(TokenKind.End, "", new TextSpan(end, 0)));
        return tokens;
    }

    private static string Describe(char c) =>
        char.IsControl(c) ? $"control character U+{(int)c:X4} is not allowed in an expression"
        : char.IsSurrogate(c) || c == '\uFFFD' ? "invalid or unsupported character in an expression"
        : $"unexpected character '{c}'";
}
