using System.Collections.Immutable;
using CriterionCheck.Families;
using CriterionCheck.Symbolics.Parsing;

namespace CriterionCheck.Spec;

/// <summary>
/// Reads spec text into a <see cref="SpecDocument"/>: one statement per line (an expression continues
/// onto following lines while a bracket is open), <c>#</c> starts a comment. Expressions are handed to
/// the expression parser with spans into the whole file. Linear in the input and iterative, so no
/// input makes it hang or overflow the stack.
/// </summary>
public sealed class SpecReader
{
    /// <summary>The keywords a statement can start with.</summary>
    public static readonly ImmutableArray<string> StatementKeywords = ["model", "dims", "param", "function", "latent", "observe", "expect", "family"];

    private static readonly ImmutableArray<string> FamilyItemKeywords = ["support", "natural", "statistics", "log_partition", "base_measure", "log_base_measure"];
    private static readonly ImmutableArray<string> SupportKeywords = ["binary", "counts", "real", "positive", "unit"];

    private readonly string text;
    private int pos;

    private SpecReader(string text) => this.text = text;

    /// <summary>Reads every statement of <paramref name="source"/>.</summary>
    /// <exception cref="SpecException">The text is not a well-formed spec (located in <paramref name="source"/>).</exception>
    public static SpecDocument Read(SourceText source)
    {
        var reader = new SpecReader(MaskComments(source.Text));
        try
        {
            return new SpecDocument(source, reader.ReadStatements());
        }
        catch (ExpressionException e) { throw SpecException.From(e).In(source); }
        catch (SpecException e) { throw e.In(source); }
    }

    // Comments become spaces, so every offset still points into the original text.
    private static string MaskComments(string t)
    {
        var chars = t.ToCharArray();
        var inString = false;
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] == '\n') inString = false;
            else if (chars[i] == '"') inString = !inString;
            else if (chars[i] == '#' && !inString)
                for (; i < chars.Length && chars[i] != '\n'; i++) chars[i] = ' ';
        }
        return new string(chars);
    }

    private ImmutableArray<Statement> ReadStatements()
    {
        var statements = ImmutableArray.CreateBuilder<Statement>();
        while (true)
        {
            SkipBlankLines();
            if (pos >= text.Length) break;
            var start = pos;
            if (!IsIdentifierStart(text[pos]))
                throw Error($"expected a statement ({string.Join(", ", StatementKeywords)}), found {Describe()}");
            var keyword = ReadIdentifier("a statement keyword");
            Statement statement = keyword.Text switch
            {
                "model" => ReadModel(start),
                "dims" => ReadDims(start),
                "param" => ReadParam(start),
                "function" => ReadFunction(start),
                "latent" => ReadFactor(FactorKind.Latent, start),
                "observe" => ReadFactor(FactorKind.Observe, start),
                "expect" => ReadExpect(start),
                "family" => ReadFamily(start),
                _ => throw new SpecException(
                    $"unknown statement '{keyword.Text}'{NameSuggestion.For(keyword.Text, StatementKeywords)}; a statement starts with one of: {string.Join(", ", StatementKeywords)}",
                    keyword.Span),
            };
            ExpectLineEnd();
            statements.Add(statement);
        }
        return statements.ToImmutable();
    }

    private ModelStatement ReadModel(int start)
    {
        SkipSpaces();
        if (pos >= text.Length || text[pos] != '"') throw Error($"expected the model's title in double quotes, found {Describe()}");
        var open = pos++;
        while (pos < text.Length && text[pos] != '"' && text[pos] != '\n') pos++;
        if (pos >= text.Length || text[pos] != '"') throw new SpecException("unterminated title: the closing '\"' is missing", new TextSpan(open, 1));
        var title = text[(open + 1)..pos];
        pos++;
        if (string.IsNullOrWhiteSpace(title)) throw new SpecException("the model's title is empty", Span(open, pos));
        if (title.Any(char.IsControl)) throw new SpecException("the model's title contains a control character", Span(open, pos));
        return new ModelStatement(title, Span(start, pos));
    }

    private DimsStatement ReadDims(int start)
    {
        var dims = ImmutableArray.CreateBuilder<DimSyntax>();
        do
        {
            var name = ReadIdentifier("a size name such as H");
            Expect('=', "'=' and the size");
            var (value, span) = ReadInteger("a size (a positive integer)");
            dims.Add(new DimSyntax(name, value, span));
        }
        while (TryConsume(','));
        return new DimsStatement(dims.ToImmutable(), Span(start, pos));
    }

    private ParamStatement ReadParam(int start)
    {
        var name = ReadIdentifier("a parameter name");
        var shape = ImmutableArray<Identifier>.Empty;
        if (TryConsume('['))
        {
            shape = ReadList(() => ReadIdentifier("a size name"), ']');
            Expect(']', "']'");
        }
        SkipSpaces();
        if (AtLineEnd())
            throw new SpecException($"parameter '{name.Text}' has no domain: write real, positive, unit (or in (0, 1)), simplex or posdef after it", name.Span);
        return new ParamStatement(name, shape, ReadDomain(), Span(start, pos));
    }

    private DomainSyntax ReadDomain()
    {
        var word = ReadIdentifier("a domain (real, positive, unit, simplex, posdef)");
        if (word.Text == "in")
        {
            SkipSpaces();
            var open = pos;
            Expect('(', "an interval such as (0, 1)");
            while (pos < text.Length && text[pos] != ')' && text[pos] != '\n') pos++;
            var inside = text[(open + 1)..pos].Replace(" ", "").Replace("\t", "");
            Expect(')', "')' closing the interval");
            return inside switch
            {
                "0,1" => new DomainSyntax(ParameterDomain.UnitInterval, Span(open, pos)),
                "0,inf" or "0,+inf" => new DomainSyntax(ParameterDomain.Positive, Span(open, pos)),
                "-inf,inf" or "-inf,+inf" => new DomainSyntax(ParameterDomain.Real, Span(open, pos)),
                _ => throw new SpecException("unsupported interval: use (0, 1), (0, inf) or (-inf, inf), or a keyword such as simplex", Span(open, pos)),
            };
        }
        var domain = ParameterDomains.FromKeyword(word.Text) ?? throw new SpecException(
            $"unknown domain '{word.Text}'{NameSuggestion.For(word.Text, ["real", "positive", "unit", "simplex", "posdef"])}; use real, positive, unit (or in (0, 1)), simplex or posdef",
            word.Span);
        return new DomainSyntax(domain, word.Span);
    }

    private FunctionStatement ReadFunction(int start)
    {
        var name = ReadIdentifier("a function name");
        AxisSyntax? output = null;
        if (TryConsume('['))
        {
            output = ReadAxis();
            Expect(']', "']' (a function has one output axis)");
        }
        Expect('(', "'(' and the function's inputs, as in f(z; w)");
        var inputs = ReadList(() => ReadIdentifier("an input name"), ';', ')');
        var parameters = ImmutableArray<Identifier>.Empty;
        if (TryConsume(';')) parameters = ReadList(() => ReadIdentifier("a parameter name"), ')');
        Expect(')', "')'");
        Syntax? body = null;
        if (TryConsume('=')) body = ReadExpression(stopAtComma: false);
        return new FunctionStatement(name, output, inputs, parameters, body, Span(start, pos));
    }

    private FactorStatement ReadFactor(FactorKind kind, int start)
    {
        var variable = ReadIdentifier(kind == FactorKind.Latent ? "the latent variable's name" : "the observable's name");
        var axes = ImmutableArray<AxisSyntax>.Empty;
        if (TryConsume('['))
        {
            axes = ReadList(ReadAxis, ']');
            Expect(']', "']'");
        }
        Expect('~', "'~' and a family, as in ~ Normal(mean, variance)");
        var distribution = ReadExpression(stopAtComma: false);
        if (distribution is not CallSyntax { Indices.IsEmpty: true, Derivatives.IsEmpty: true, InputCount: null } call)
            throw new SpecException("expected a family after '~', such as Bernoulli(p) or Normal(mean, variance)", distribution.Span);
        return new FactorStatement(kind, variable, axes, call, Span(start, pos));
    }

    private AxisSyntax ReadAxis()
    {
        var first = ReadIdentifier("a plate (h in H) or a size");
        if (PeekWord() != "in") return new AxisSyntax(null, first);
        ReadIdentifier("in");
        return new AxisSyntax(first, ReadIdentifier("a size name after 'in'"));
    }

    private ExpectStatement ReadExpect(int start)
    {
        var word = ReadIdentifier("satisfied or violated");
        return word.Text switch
        {
            "satisfied" => new ExpectStatement(true, Span(start, pos)),
            "violated" => new ExpectStatement(false, Span(start, pos)),
            _ => throw new SpecException($"expect takes satisfied or violated, not '{word.Text}'{NameSuggestion.For(word.Text, ["satisfied", "violated"])}", word.Span),
        };
    }

    private FamilyStatement ReadFamily(int start)
    {
        var name = ReadIdentifier("a family name");
        Expect('(', "'(' and the family's parameters, as in (rate positive)");
        var parameters = ReadList(() => (ReadIdentifier("a parameter name"), ReadDomain()), ')');
        Expect(')', "')'");
        ExpectLineEnd();
        Identifier? support = null;
        var items = ImmutableDictionary.CreateBuilder<string, FamilyItem>();
        while (true)
        {
            SkipBlankLines();
            if (pos >= text.Length)
                throw new SpecException($"family '{name.Text}' is not closed: add a line 'end' after its items", name.Span);
            var keyword = ReadIdentifier($"a family item ({string.Join(", ", FamilyItemKeywords)}) or 'end'");
            if (keyword.Text == "end") break;
            if (StatementKeywords.Contains(keyword.Text))
                throw new SpecException($"family '{name.Text}' is not closed: add a line 'end' after its items, before this '{keyword.Text}' statement", name.Span);
            if (!FamilyItemKeywords.Contains(keyword.Text))
                throw new SpecException(
                    $"unknown family item '{keyword.Text}'{NameSuggestion.For(keyword.Text, [.. FamilyItemKeywords, "end"])}; expected one of {string.Join(", ", FamilyItemKeywords)} or 'end'",
                    keyword.Span);
            if (items.ContainsKey(keyword.Text) || (keyword.Text == "support" && support is not null))
                throw new SpecException($"family '{name.Text}' gives '{keyword.Text}' twice", keyword.Span);
            if (keyword.Text == "support")
            {
                var s = ReadIdentifier("a support (binary, counts, real, positive, unit)");
                if (!SupportKeywords.Contains(s.Text))
                    throw new SpecException($"unknown support '{s.Text}'{NameSuggestion.For(s.Text, SupportKeywords)}; use binary, counts, real, positive or unit", s.Span);
                support = s;
            }
            else
            {
                items[keyword.Text] = new FamilyItem(keyword, ReadList(() => ReadExpression(stopAtComma: true), '\n'));
            }
            ExpectLineEnd();
        }
        if (support is null) throw new SpecException($"family '{name.Text}' has no 'support' line (binary, counts, real, positive or unit)", name.Span);
        return new FamilyStatement(name, parameters, support.Value, items.ToImmutable(), Span(start, pos));
    }

    // ---- expressions -------------------------------------------------------------------------

    // An expression runs to the end of the line, or on while a bracket is open (unless the next line
    // starts a new statement, so that a missing ')' is reported where it is missing).
    private Syntax ReadExpression(bool stopAtComma)
    {
        SkipSpaces();
        var start = pos;
        var depth = 0;
        while (pos < text.Length)
        {
            var c = text[pos];
            if (c is '(' or '[') depth++;
            else if (c is ')' or ']') depth--;
            else if (c == ',' && depth == 0 && stopAtComma) break;
            else if (c == '\n' && (depth <= 0 || NextLineStartsStatement(pos + 1))) break;
            pos++;
        }
        return SyntaxParser.Parse(text, start, pos);
    }

    private bool NextLineStartsStatement(int lineStart)
    {
        var end = lineStart;
        while (end < text.Length && IsIdentifierPart(text[end])) end++;
        var word = text[lineStart..end];
        return (StatementKeywords.Contains(word) || word == "end") && (end >= text.Length || !IsIdentifierPart(text[end]));
    }

    // ---- tokens ------------------------------------------------------------------------------

    private ImmutableArray<T> ReadList<T>(Func<T> item, params char[] closers)
    {
        var list = ImmutableArray.CreateBuilder<T>();
        SkipSpaces();
        if (pos >= text.Length || closers.Contains(text[pos])) return list.ToImmutable();
        do list.Add(item());
        while (TryConsume(','));
        return list.ToImmutable();
    }

    private Identifier ReadIdentifier(string what)
    {
        SkipSpaces();
        if (pos >= text.Length || !IsIdentifierStart(text[pos])) throw Error($"expected {what}, found {Describe()}");
        var start = pos;
        while (pos < text.Length && IsIdentifierPart(text[pos])) pos++;
        return new Identifier(text[start..pos], Span(start, pos));
    }

    private string? PeekWord()
    {
        SkipSpaces();
        var end = pos;
        while (end < text.Length && IsIdentifierPart(text[end])) end++;
        return end > pos ? text[pos..end] : null;
    }

    private (long Value, TextSpan Span) ReadInteger(string what)
    {
        SkipSpaces();
        var start = pos;
        if (pos < text.Length && text[pos] is '-' or '+') pos++;
        while (pos < text.Length && (char.IsAsciiDigit(text[pos]) || IsIdentifierPart(text[pos]) || text[pos] == '.')) pos++;
        var word = text[start..pos];
        if (word.Length == 0) throw Error($"expected {what}, found {Describe()}");
        if (!word.All(char.IsAsciiDigit))
            throw new SpecException($"'{word}' is not a valid size: expected a positive whole number", Span(start, pos));
        return (long.TryParse(word, out var value) ? value : long.MaxValue, Span(start, pos));
    }

    private void Expect(char c, string what)
    {
        SkipSpaces();
        if (pos >= text.Length || text[pos] != c) throw Error($"expected {what}, found {Describe()}");
        pos++;
    }

    private bool TryConsume(char c)
    {
        SkipSpaces();
        if (pos >= text.Length || text[pos] != c) return false;
        pos++;
        return true;
    }

    private void ExpectLineEnd()
    {
        SkipSpaces();
        if (!AtLineEnd()) throw Error($"unexpected {Describe()} after the end of the statement (one statement per line)");
    }

    private bool AtLineEnd() => pos >= text.Length || text[pos] == '\n';

    private void SkipSpaces()
    {
        while (pos < text.Length && text[pos] is ' ' or '\t' or '\r') pos++;
    }

    private void SkipBlankLines()
    {
        while (pos < text.Length && text[pos] is ' ' or '\t' or '\r' or '\n') pos++;
    }

    private string Describe()
    {
        if (pos >= text.Length) return "the end of the file";
        var c = text[pos];
        if (c == '\n') return "the end of the line";
        if (IsIdentifierPart(c))
        {
            var end = pos;
            while (end < text.Length && IsIdentifierPart(text[end]) && end - pos < 40) end++;
            return $"'{text[pos..end]}'";
        }
        return char.IsControl(c) ? $"control character U+{(int)c:X4}" : char.IsSurrogate(c) || c == '\uFFFD' ? "an invalid character" : $"'{c}'";
    }

    private SpecException Error(string message) =>
        new(message, new TextSpan(pos, pos < text.Length && text[pos] != '\n' ? 1 : 0));

    private static TextSpan Span(int start, int end) => new(start, end - start);

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_';
}
