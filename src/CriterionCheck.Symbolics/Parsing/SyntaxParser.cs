using System.Collections.Immutable;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Symbolics.Parsing;

/// <summary>
/// Recursive-descent parser from tokens to <see cref="Syntax"/>. Precedence, loosest first:
/// <c>+ −</c>, <c>* /</c>, unary minus, <c>^</c> (right-associative; <c>-x^2</c> is <c>-(x^2)</c>).
/// Nesting is limited to <see cref="MaxDepth"/> levels so that no input can overflow the stack.
/// </summary>
public sealed class SyntaxParser
{
    /// <summary>How deeply parentheses, calls, unary minus and powers may nest.</summary>
    public const int MaxDepth = 200;

    private readonly List<Token> tokens;
    private int position;
    private int depth;

    private SyntaxParser(List<Token> tokens) => this.tokens = tokens;

    /// <summary>Parses all of <c>text[start..end]</c> as one expression.</summary>
    /// <exception cref="ExpressionException">The text is not a well-formed expression.</exception>
    public static Syntax Parse(string text, int start, int end)
    {
        var parser = new SyntaxParser(Lexer.Tokenize(text, start, end));
        if (parser.Current.Kind == TokenKind.End)
            throw new ExpressionException("expected an expression, found nothing", parser.Current.Span);
        var result = parser.ParseSum();
        if (parser.Current.Kind != TokenKind.End)
            throw new ExpressionException(parser.Current.Kind == TokenKind.RightParen
                ? "unbalanced ')': no '(' to close"
                : $"unexpected {Describe(parser.Current)} after a complete expression", parser.Current.Span);
        return result;
    }

    /// <summary>Parses all of <paramref name="text"/> as one expression.</summary>
    public static Syntax Parse(string text) => Parse(text, 0, text.Length);

    private Token Current => tokens[position];

    private Token Advance() => tokens[position++];

    private void Enter()
    {
        if (++depth > MaxDepth)
            throw new ExpressionException($"expression nests more than {MaxDepth} levels deep", Current.Span);
    }

    private Token Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind) throw new ExpressionException($"expected {what}, found {Describe(Current)}", Current.Span);
        return Advance();
    }

    private Syntax ParseSum()
    {
        var first = ParseProduct();
        if (Current.Kind is not (TokenKind.Plus or TokenKind.Minus)) return first;
        var terms = ImmutableArray.CreateBuilder<(bool, Syntax)>();
        terms.Add((false, first));
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var subtract = Advance().Kind == TokenKind.Minus;
            terms.Add((subtract, ParseProduct()));
        }
        return new SumSyntax(terms.ToImmutable(), TextSpan.Cover(first.Span, terms[^1].Item2.Span));
    }

    private Syntax ParseProduct()
    {
        var first = ParseUnary();
        if (Current.Kind is not (TokenKind.Star or TokenKind.Slash)) return first;
        var factors = ImmutableArray.CreateBuilder<(bool, Syntax)>();
        factors.Add((false, first));
        while (Current.Kind is TokenKind.Star or TokenKind.Slash)
        {
            var divide = Advance().Kind == TokenKind.Slash;
            factors.Add((divide, ParseUnary()));
        }
        return new ProductSyntax(factors.ToImmutable(), TextSpan.Cover(first.Span, factors[^1].Item2.Span));
    }

    private Syntax ParseUnary()
    {
        if (Current.Kind is TokenKind.Minus or TokenKind.Plus)
        {
            Enter();
            var op = Advance();
            var operand = ParseUnary();
            depth--;
            return op.Kind == TokenKind.Plus ? operand : new NegateSyntax(operand, TextSpan.Cover(op.Span, operand.Span));
        }
        return ParsePower();
    }

    private Syntax ParsePower()
    {
        var b = ParsePrimary();
        if (Current.Kind != TokenKind.Caret) return b;
        Enter();
        Advance();
        var e = ParseUnary();
        depth--;
        return new PowerSyntax(b, e, TextSpan.Cover(b.Span, e.Span));
    }

    private Syntax ParsePrimary()
    {
        var t = Current;
        switch (t.Kind)
        {
            case TokenKind.Number:
                Advance();
                if (!Rational.TryParseDecimal(t.Text, out var value))
                    throw new ExpressionException($"malformed number '{t.Text}'", t.Span);
                return new NumberSyntax(value, t.Span);
            case TokenKind.Identifier:
                return ParseNameOrCall();
            case TokenKind.LeftParen:
            {
                Enter();
                Advance();
                if (Current.Kind == TokenKind.RightParen) throw new ExpressionException("expected an expression inside '( )'", Current.Span);
                var inner = ParseSum();
                if (Current.Kind != TokenKind.RightParen)
                    throw new ExpressionException(Current.Kind == TokenKind.End
                        ? "unbalanced '(': expected ')' before the end"
                        : $"expected ')', found {Describe(Current)}", Current.Kind == TokenKind.End ? t.Span : Current.Span);
                Advance();
                depth--;
                return inner;
            }
            case TokenKind.End:
                throw new ExpressionException("expected an operand, but the expression ends here", t.Span);
            case TokenKind.RightParen:
                throw new ExpressionException("expected an operand, found ')'", t.Span);
            default:
                throw new ExpressionException($"expected an operand, found {Describe(t)}", t.Span);
        }
    }

    private Syntax ParseNameOrCall()
    {
        var name = Advance();
        var indices = ImmutableArray<Syntax>.Empty;
        var end = name.Span;
        if (Current.Kind == TokenKind.LeftBracket)
        {
            (indices, end) = ParseIndexList();
        }
        var derivatives = ImmutableArray<int>.Empty;
        if (Current.Kind == TokenKind.Prime)
        {
            Advance();
            Expect(TokenKind.LeftBracket, "'[' with argument positions after \"'\"");
            var builder = ImmutableArray.CreateBuilder<int>();
            do
            {
                var n = Expect(TokenKind.Number, "an argument position");
                if (!int.TryParse(n.Text, out var k) || k < 1)
                    throw new ExpressionException($"argument position must be a positive integer, not '{n.Text}'", n.Span);
                builder.Add(k);
            } while (Current.Kind == TokenKind.Comma && Advance().Kind == TokenKind.Comma);
            Expect(TokenKind.RightBracket, "']'");
            derivatives = builder.ToImmutable();
            if (Current.Kind != TokenKind.LeftParen)
                throw new ExpressionException("a derivative atom must be applied to arguments: f'[1](x)", Current.Span);
        }
        if (Current.Kind != TokenKind.LeftParen)
            return new NameSyntax(name.Text, indices, name.Span, TextSpan.Cover(name.Span, end));

        Enter();
        var open = Advance();
        var args = ImmutableArray.CreateBuilder<Syntax>();
        int? inputCount = null;
        if (Current.Kind == TokenKind.RightParen)
            throw new ExpressionException($"{name.Text}() needs at least one argument", Current.Span);
        while (true)
        {
            if (Current.Kind == TokenKind.Semicolon && inputCount is null)
            {
                Advance();
                inputCount = args.Count;
                continue;
            }
            args.Add(ParseArgument());
            if (Current.Kind == TokenKind.Comma) { Advance(); continue; }
            if (Current.Kind == TokenKind.Semicolon && inputCount is null) continue;
            if (Current.Kind == TokenKind.RightParen) break;
            if (Current.Kind == TokenKind.End)
                throw new ExpressionException($"unbalanced '(': the arguments of {name.Text} are not closed by ')'", open.Span);
            throw new ExpressionException($"expected ',' or ')' in the arguments of {name.Text}, found {Describe(Current)}", Current.Span);
        }
        var close = Advance();
        depth--;
        return new CallSyntax(name.Text, name.Span, indices, derivatives, args.ToImmutable(), inputCount, TextSpan.Cover(name.Span, close.Span));
    }

    private (ImmutableArray<Syntax>, TextSpan) ParseIndexList()
    {
        Enter();
        var open = Advance();
        var list = ImmutableArray.CreateBuilder<Syntax>();
        if (Current.Kind == TokenKind.RightBracket) throw new ExpressionException("expected an index inside '[ ]'", Current.Span);
        list.Add(ParseSum());
        while (Current.Kind == TokenKind.Comma) { Advance(); list.Add(ParseSum()); }
        if (Current.Kind != TokenKind.RightBracket)
            throw new ExpressionException(Current.Kind == TokenKind.End ? "unbalanced '[': expected ']'" : $"expected ',' or ']', found {Describe(Current)}",
                Current.Kind == TokenKind.End ? open.Span : Current.Span);
        var close = Advance();
        depth--;
        return (list.ToImmutable(), close.Span);
    }

    private Syntax ParseArgument()
    {
        // "h in H" binds a plate index; "in" is a keyword only in this position.
        if (Current.Kind == TokenKind.Identifier && tokens[position + 1] is { Kind: TokenKind.Identifier, Text: "in" })
        {
            var variable = Advance();
            Advance();
            var range = ParseSum();
            return new BindingSyntax(variable.Text, variable.Span, range, TextSpan.Cover(variable.Span, range.Span));
        }
        return ParseSum();
    }

    private static string Describe(Token t) => t.Kind switch
    {
        TokenKind.End => "the end of the expression",
        TokenKind.Number => $"number '{t.Text}'",
        TokenKind.Identifier => $"name '{t.Text}'",
        _ => $"'{t.Text}'",
    };
}
