using System.Text;

namespace CriterionCheck.Symbolics.Printing;

/// <summary>
/// A LaTeX math formula read as a tree, enough to estimate its printed width and to rewrite it for line
/// breaking: <c>\left…\right</c> pairs (which cannot span lines, so they are the parts a breaker opens),
/// fractions, groups, sub- and superscripts, commands with their arguments, and single characters.
/// </summary>
public abstract record LatexNode
{
    /// <summary>The node's LaTeX, as read.</summary>
    public abstract string Source { get; }
}

/// <summary>One character: a letter, digit, operator or bracket.</summary>
public sealed record LatexChar(char Value) : LatexNode
{
    /// <inheritdoc />
    public override string Source => Value.ToString();
}

/// <summary>A command with its braced arguments, e.g. <c>\mu</c>, <c>\operatorname{sigmoid}</c>, <c>\frac{a}{b}</c>.</summary>
public sealed record LatexCommand(string Name, IReadOnlyList<LatexGroup> Arguments) : LatexNode
{
    /// <inheritdoc />
    public override string Source => Name + string.Concat(Arguments.Select(a => a.Source));
}

/// <summary>A braced group <c>{…}</c>.</summary>
public sealed record LatexGroup(IReadOnlyList<LatexNode> Items) : LatexNode
{
    /// <inheritdoc />
    public override string Source => "{" + LatexMath.Join(Items) + "}";
}

/// <summary>A sub- or superscript: <c>_x</c>, <c>^{2}</c>.</summary>
public sealed record LatexScript(char Mark, LatexNode Body) : LatexNode
{
    /// <inheritdoc />
    public override string Source => Mark + Body.Source;
}

/// <summary>A <c>\left(</c> … <c>\right)</c> pair (or one already opened for breaking, with fixed-size delimiters).</summary>
public sealed record LatexDelimited(string Open, string Close, IReadOnlyList<LatexNode> Items) : LatexNode
{
    /// <inheritdoc />
    public override string Source => "\\left" + Open + LatexMath.Join(Items) + "\\right" + Close;
}

/// <summary>Reads LaTeX math and estimates widths in points at 11 pt.</summary>
public static class LatexMath
{
    /// <summary>The LaTeX of <paramref name="items"/>, with a space where a command name would run into a letter.</summary>
    public static string Join(IEnumerable<LatexNode> items)
    {
        var s = new StringBuilder();
        foreach (var item in items)
        {
            var text = item.Source;
            if (s.Length > 0 && text.Length > 0 && char.IsLetter(text[0]) && EndsWithCommandName(s)) s.Append(' ');
            s.Append(text);
        }
        return s.ToString();
    }

    private static bool EndsWithCommandName(StringBuilder s)
    {
        var i = s.Length - 1;
        while (i >= 0 && char.IsLetter(s[i])) i--;
        return i >= 0 && i < s.Length - 1 && s[i] == '\\';
    }

    /// <summary>Reads <paramref name="latex"/>; unbalanced input is read as far as it goes.</summary>
    public static List<LatexNode> Parse(string latex)
    {
        var at = 0;
        return ParseList(latex, ref at, stopAtBrace: false, stopAtRight: false);
    }

    private static List<LatexNode> ParseList(string s, ref int at, bool stopAtBrace, bool stopAtRight)
    {
        var items = new List<LatexNode>();
        while (at < s.Length)
        {
            var c = s[at];
            if (c == '}' && stopAtBrace) { at++; return items; }
            if (stopAtRight && s.AsSpan(at).StartsWith("\\right")) return items;
            if (char.IsWhiteSpace(c)) { at++; continue; }
            if (c is '_' or '^')
            {
                at++;
                items.Add(new LatexScript(c, ParseAtom(s, ref at)));
                continue;
            }
            items.Add(ParseAtom(s, ref at));
        }
        return items;
    }

    private static LatexNode ParseAtom(string s, ref int at)
    {
        while (at < s.Length && char.IsWhiteSpace(s[at])) at++;
        if (at >= s.Length) return new LatexGroup([]);
        var c = s[at];
        if (c == '{')
        {
            at++;
            return new LatexGroup(ParseList(s, ref at, stopAtBrace: true, stopAtRight: false));
        }
        if (c != '\\') { at++; return new LatexChar(c); }
        var start = at++;
        if (at < s.Length && !char.IsLetter(s[at])) { at++; return new LatexCommand(s[start..at], []); } // \, \{ \\ …
        while (at < s.Length && char.IsLetter(s[at])) at++;
        var name = s[start..at];
        if (name == "\\left")
        {
            var open = Delimiter(s, ref at);
            var items = ParseList(s, ref at, stopAtBrace: false, stopAtRight: true);
            var close = ".";
            if (s.AsSpan(at).StartsWith("\\right"))
            {
                at += "\\right".Length;
                close = Delimiter(s, ref at);
            }
            return new LatexDelimited(open, close, items);
        }
        var arity = name switch
        {
            "\\frac" => 2,
            "\\sqrt" or "\\operatorname" or "\\mathit" or "\\mathrm" or "\\mathcal" or "\\mathbb" or "\\text" or "\\bar" or "\\tilde"
                or "\\hat" or "\\mathbf" or "\\boldsymbol" or "\\overline" => 1,
            _ => 0,
        };
        var arguments = new List<LatexGroup>();
        for (var k = 0; k < arity; k++)
        {
            while (at < s.Length && char.IsWhiteSpace(s[at])) at++;
            arguments.Add(ParseAtom(s, ref at) is LatexGroup g ? g : new LatexGroup([]));
        }
        return new LatexCommand(name, arguments);
    }

    private static string Delimiter(string s, ref int at)
    {
        while (at < s.Length && char.IsWhiteSpace(s[at])) at++;
        if (at >= s.Length) return ".";
        if (s[at] != '\\') return s[at++].ToString();
        var start = at++;
        if (at < s.Length && !char.IsLetter(s[at])) at++;
        else while (at < s.Length && char.IsLetter(s[at])) at++;
        return s[start..at];
    }

    /// <summary>The estimated printed width of <paramref name="items"/> in points (11 pt, display style).</summary>
    public static double Width(IEnumerable<LatexNode> items, double scale = 1) => items.Sum(i => Width(i, scale));

    /// <summary>The estimated printed width of one node in points.</summary>
    public static double Width(LatexNode node, double scale = 1) => node switch
    {
        LatexChar c => scale * c.Value switch
        {
            '+' or '-' => 12.5,
            '=' or '<' or '>' => 14,
            ',' or ';' => 5,
            '(' or ')' or '[' or ']' or '|' => 4.5,
            '.' => 3,
            '/' => 5.5,
            '!' or '\'' => 3.5,
            '&' => 0,
            _ => char.IsUpper(c.Value) ? 8 : 6,
        },
        LatexGroup g => Width(g.Items, scale),
        LatexScript sc => Width(sc.Body, scale * 0.72),
        LatexDelimited d => Width(d.Items, scale) + scale * 11,
        LatexCommand cmd => Command(cmd, scale),
        _ => 8 * scale,
    };

    private static double Command(LatexCommand c, double scale)
    {
        var text = c.Arguments.Count > 0 ? c.Arguments[0] : null;
        return c.Name switch
        {
            "\\frac" => Math.Max(Width(c.Arguments[0], scale * 0.8), Width(c.Arguments[1], scale * 0.8)) + 3 * scale,
            "\\sqrt" => Width(text!, scale) + 10 * scale,
            "\\operatorname" => (PlainLength(text!) * 5.3 + 3) * scale,
            "\\mathrm" or "\\text" => PlainLength(text!) * 5.3 * scale,
            "\\mathit" or "\\mathbf" or "\\boldsymbol" => PlainLength(text!) * 6 * scale,
            "\\mathcal" or "\\mathbb" => PlainLength(text!) * 8.5 * scale,
            "\\bar" or "\\tilde" or "\\hat" or "\\overline" => Width(text!, scale),
            "\\quad" => 11 * scale,
            "\\qquad" => 22 * scale,
            "\\," => 1.9 * scale,
            "\\;" or "\\ " => 3.5 * scale,
            "\\!" => -1.9 * scale,
            "\\cdot" => 8 * scale,
            "\\times" or "\\mid" or "\\geq" or "\\leq" or "\\neq" or "\\approx" => 14 * scale,
            "\\log" or "\\det" or "\\exp" => 16 * scale,
            "\\tanh" => 22 * scale,
            "\\sum" or "\\prod" => 16 * scale,
            "\\ldots" or "\\cdots" => 15 * scale,
            "\\infty" => 11 * scale,
            "\\{" or "\\}" => 5.5 * scale,
            "\\square" => 9 * scale,
            "\\partial" => 6.5 * scale,
            _ when c.Name.Length > 2 && char.IsUpper(c.Name[1]) => 8 * scale, // \Sigma, \Theta, …
            _ => 6.5 * scale,
        };
    }

    private static int PlainLength(LatexGroup g) => g.Source.Count(char.IsLetterOrDigit) + g.Source.Count(ch => ch is ' ' or '-');
}
