using System.Text;

namespace CriterionCheck.Symbolics.Printing;

/// <summary>
/// Breaks a displayed equation that is too wide for the page into several lines of an <c>align</c>
/// environment, without breqn: at a binary + or − of the right-hand side, continuing each line after the
/// alignment point with <c>\quad</c>. A sum inside <c>\left(…\right)</c> cannot span lines, so when one
/// piece is still too wide its widest bracket is opened (fixed-size <c>\bigl(…\bigr)</c>) and a too-wide
/// fraction is written on one line as <c>(numerator)/(denominator)</c>, until every line fits or nothing
/// is left to open. Widths are estimates (<see cref="LatexMath.Width(LatexNode, double)"/>); CI measures
/// the result with pdflatex.
/// </summary>
public static class LatexLineBreaker
{
    /// <summary>The text width of the proof documents (article, 11 pt, 2 cm margins on letter paper) in points.</summary>
    public const double TextWidth = 498;

    // Estimates err both ways; keep a margin so that a slightly wider line still fits.
    private const double Budget = 0.85 * TextWidth;

    private sealed record Item(string Text, double Width, bool BreakBefore, LatexNode? Openable);

    /// <summary>
    /// <paramref name="line"/> (one align line, <c>lhs &amp;= rhs</c>) as one or more align lines joined by
    /// <c>\\</c>; unchanged when it fits.
    /// </summary>
    public static string Break(string line)
    {
        var nodes = LatexMath.Parse(line);
        var amp = nodes.FindIndex(n => n is LatexChar { Value: '&' });
        var lhs = amp < 0 ? [] : nodes[..amp];
        var rhs = amp < 0 ? nodes : nodes[(amp + 1)..];
        var lhsWidth = LatexMath.Width(lhs);
        if (lhsWidth + LatexMath.Width(rhs) <= Budget) return line;
        var items = Flatten(rhs);
        var lines = Fill(items, lhsWidth);
        for (var round = 0; round < 200; round++)
        {
            var over = lines.Select((l, i) => (Line: l, Budget: LineBudget(i, lhsWidth))).Where(l => l.Line.Sum(x => x.Width) > l.Budget).ToList();
            if (over.Count == 0) break;
            var widest = over.SelectMany(l => l.Line).Where(x => x.Openable is not null).OrderByDescending(x => x.Width).FirstOrDefault();
            if (widest is null) break;
            var at = items.IndexOf(widest);
            items.RemoveAt(at);
            items.InsertRange(at, Open(widest));
            lines = Fill(items, lhsWidth);
        }
        var s = new StringBuilder();
        s.Append(amp < 0 ? "" : line[..IndexOfTopLevelAmpersand(line)]).Append('&');
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0) s.Append(" \\\\\n&\\quad ");
            s.Append(string.Join(" ", lines[i].Select(x => x.Text)));
        }
        return s.ToString();
    }

    private static double LineBudget(int line, double lhsWidth) => Budget - lhsWidth - (line == 0 ? 0 : 11);

    // Greedy: a piece (from one break point to the next) goes on the current line while it fits.
    private static List<List<Item>> Fill(List<Item> items, double lhsWidth)
    {
        var lines = new List<List<Item>> { new() };
        var width = 0.0;
        for (var i = 0; i < items.Count;)
        {
            var j = i + 1;
            while (j < items.Count && !items[j].BreakBefore) j++;
            var piece = items.GetRange(i, j - i);
            var pieceWidth = piece.Sum(x => x.Width);
            if (lines[^1].Count > 0 && width + pieceWidth > LineBudget(lines.Count - 1, lhsWidth))
            {
                lines.Add([]);
                width = 0;
            }
            lines[^1].AddRange(piece);
            width += pieceWidth;
            i = j;
        }
        return lines;
    }

    private static List<Item> Flatten(IReadOnlyList<LatexNode> nodes)
    {
        var items = new List<Item>();
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            // A binary + or − (after an operand, not after an operator, a relation or an opening bracket).
            var binary = node is LatexChar { Value: '+' or '-' } && i > 0 && nodes[i - 1] is not LatexChar { Value: '+' or '-' or '=' or '(' or '[' or ',' or '&' or '<' or '>' };
            var openable = node is LatexDelimited || node is LatexCommand { Name: "\\frac" };
            items.Add(new Item(node.Source, LatexMath.Width(node), binary, openable ? node : null));
        }
        return items;
    }

    private static List<Item> Open(Item item)
    {
        switch (item.Openable)
        {
            case LatexDelimited d:
                // \bigl and \bigr are plain delimiters, so the pair may span lines; \Bigl is taller, for fractions.
                var size = d.Items.Any(ContainsFraction) ? "B" : "b";
                var open = d.Open == "." ? "." : d.Open;
                var close = d.Close == "." ? "." : d.Close;
                return [new Item($"\\{size}igl{open}", 6, false, null), .. Flatten(d.Items), new Item($"\\{size}igr{close}", 6, false, null)];
            case LatexCommand { Name: "\\frac" } f:
                return [.. Operand(f.Arguments[0].Items, denominator: false), new Item("/", 6, false, null), .. Operand(f.Arguments[1].Items, denominator: true)];
            default: return [item];
        }
    }

    // One side of a fraction written on the line: bracketed unless it is a single atom (or, on top, a product).
    private static List<Item> Operand(IReadOnlyList<LatexNode> items, bool denominator)
    {
        if (items.Count == 1 && items[0] is LatexDelimited) return Flatten(items);
        var simple = items.Count == 1 || (!denominator && !items.Skip(1).Any(n => n is LatexChar { Value: '+' or '-' }));
        if (simple) return Flatten(items);
        var bracket = new LatexDelimited("(", ")", items);
        return [new Item(bracket.Source, LatexMath.Width(bracket), false, bracket)];
    }

    private static bool ContainsFraction(LatexNode node) => node switch
    {
        LatexCommand { Name: "\\frac" } => true,
        LatexCommand c => c.Arguments.Any(ContainsFraction),
        LatexGroup g => g.Items.Any(ContainsFraction),
        LatexDelimited d => d.Items.Any(ContainsFraction),
        LatexScript s => ContainsFraction(s.Body),
        _ => false,
    };

    private static int IndexOfTopLevelAmpersand(string line)
    {
        var depth = 0;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '\\') { i++; continue; }
            if (line[i] == '{') depth++;
            else if (line[i] == '}') depth--;
            else if (line[i] == '&' && depth == 0) return i;
        }
        return -1;
    }
}
