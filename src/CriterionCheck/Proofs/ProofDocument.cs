using System.Collections.Immutable;
using System.Text;
using CriterionCheck.Symbolics.Printing;

namespace CriterionCheck.Proofs;

/// <summary>A block of a proof document.</summary>
public abstract record ProofBlock;

/// <summary>A section heading.</summary>
/// <param name="Text">The heading (plain text).</param>
public sealed record Heading(string Text) : ProofBlock;

/// <summary>A paragraph; <c>$…$</c> marks inline mathematics (LaTeX), <c>`…`</c> code, everything else is plain text.</summary>
/// <param name="Text">The paragraph.</param>
public sealed record Paragraph(string Text) : ProofBlock;

/// <summary>A bulleted list of paragraphs (same inline-math convention).</summary>
/// <param name="Items">The items.</param>
public sealed record BulletList(ImmutableArray<string> Items) : ProofBlock;

/// <summary>Displayed equations, one per line, each with <c>&amp;</c> at its alignment point.</summary>
/// <param name="Lines">LaTeX lines.</param>
public sealed record Display(ImmutableArray<string> Lines) : ProofBlock;

/// <summary>
/// A proof as a sequence of blocks, rendered as Markdown (<c>$…$</c> / <c>$$…$$</c>) or as a complete
/// LaTeX document that compiles with pdflatex (amsmath, amssymb).
/// </summary>
/// <param name="Title">The document's title.</param>
/// <param name="Blocks">The body.</param>
public sealed record ProofDocument(string Title, ImmutableArray<ProofBlock> Blocks)
{
    /// <summary>Markdown with TeX mathematics.</summary>
    public string Markdown()
    {
        var s = new StringBuilder($"# {Title}\n");
        foreach (var block in Blocks)
        {
            s.Append('\n');
            switch (block)
            {
                case Heading h: s.Append($"## {h.Text}\n"); break;
                case Paragraph p: s.Append(p.Text).Append('\n'); break;
                case BulletList list: foreach (var item in list.Items) s.Append($"- {item}\n"); break;
                case Display d:
                    s.Append("$$\n\\begin{aligned}\n");
                    s.Append(string.Join(" \\\\\n", d.Lines)).Append('\n');
                    s.Append("\\end{aligned}\n$$\n");
                    break;
            }
        }
        return s.ToString();
    }

    /// <summary>A complete LaTeX document.</summary>
    public string Latex()
    {
        var s = new StringBuilder();
        s.Append("\\documentclass[11pt]{article}\n\\usepackage[margin=2cm]{geometry}\n\\usepackage{amsmath,amssymb}\n");
        // Ragged right: code and long formulas in running text break at spaces instead of overflowing a
        // justified line (typewriter spaces cannot stretch).
        s.Append("\\allowdisplaybreaks\n\\setlength{\\parindent}{0pt}\n\\setlength{\\parskip}{0.6em}\n\\raggedright\n");
        s.Append($"\\title{{{EscapeText(Title)}}}\n\\date{{}}\n\\begin{{document}}\n\\maketitle\n");
        foreach (var block in Blocks)
        {
            switch (block)
            {
                case Heading h: s.Append($"\n\\section*{{{EscapeText(h.Text)}}}\n"); break;
                case Paragraph p: s.Append('\n').Append(Inline(p.Text)).Append('\n'); break;
                case BulletList list:
                    s.Append("\n\\begin{itemize}\n");
                    foreach (var item in list.Items) s.Append($"\\item {Inline(item)}\n");
                    s.Append("\\end{itemize}\n");
                    break;
                case Display d:
                    s.Append("\n\\begin{align*}\n");
                    s.Append(string.Join(" \\\\\n", d.Lines.Select(LatexLineBreaker.Break))).Append('\n');
                    s.Append("\\end{align*}\n");
                    break;
            }
        }
        s.Append("\n\\end{document}\n");
        return s.ToString();
    }

    // Text outside $…$ is escaped, `code` becomes \texttt; mathematics is kept as it is.
    private static string Inline(string text)
    {
        var parts = text.Split('$');
        var s = new StringBuilder();
        for (var i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 1) { s.Append(InlineMath(parts[i])); continue; }
            var code = parts[i].Split('`');
            for (var j = 0; j < code.Length; j++)
                s.Append(j % 2 == 0 ? EscapeText(code[j]) : $"\\texttt{{{Breakable(EscapeText(code[j]))}}}");
        }
        return s.ToString();
    }

    // Inline mathematics breaks only at top-level operators, never inside a fraction or a \left…\right
    // pair; one too wide for a line is displayed instead (and broken like any display).
    private static string InlineMath(string math)
    {
        if (LatexMath.Width(LatexMath.Parse(math)) <= 0.8 * LatexLineBreaker.TextWidth) return $"${math}$";
        var nodes = LatexMath.Parse(math);
        var eq = nodes.FindIndex(n => n is LatexChar { Value: '=' });
        var line = eq < 0 ? "&" + math : LatexMath.Join(nodes[..eq]) + " &= " + LatexMath.Join(nodes[(eq + 1)..]);
        return $"\n\\begin{{align*}}\n{LatexLineBreaker.Break(line)}\n\\end{{align*}}\n";
    }

    // Long code (paths, expressions) may also break after a slash or a comma.
    private static string Breakable(string code) =>
        code.Replace("/", "/\\allowbreak{}", StringComparison.Ordinal).Replace(",", ",\\allowbreak{}", StringComparison.Ordinal);

    /// <summary>Plain text made safe for LaTeX.</summary>
    public static string EscapeText(string text)
    {
        var s = new StringBuilder();
        foreach (var ch in text)
            s.Append(ch switch
            {
                '\\' => "\\textbackslash{}",
                '&' or '%' or '#' or '_' or '{' or '}' => "\\" + ch,
                '~' => "\\textasciitilde{}",
                '^' => "\\textasciicircum{}",
                '—' => "---",
                '–' => "--",
                '≥' => "$\\geq$",
                'ü' => "\\\"u",
                '…' => "\\ldots{}",
                '≤' => "$\\leq$",
                '×' => "$\\times$",
                '²' => "$^{2}$",
                '³' => "$^{3}$",
                'ᵀ' => "$^{\\mathrm{T}}$",
                '⁻' => "$^{-}$",
                '¹' => "$^{1}$",
                '≠' => "$\\neq$",
                '−' => "$-$",
                '·' => "$\\cdot$",
                '→' => "$\\to$",
                '∞' => "$\\infty$",
                'α' => "$\\alpha$",
                'β' => "$\\beta$",
                'η' => "$\\eta$",
                'ζ' => "$\\zeta$",
                'θ' => "$\\theta$",
                'Θ' => "$\\Theta$",
                'Ψ' => "$\\Psi$",
                'π' => "$\\pi$",
                'λ' => "$\\lambda$",
                'σ' => "$\\sigma$",
                'μ' => "$\\mu$",
                'Σ' => "$\\Sigma$",
                'δ' => "$\\delta$",
                < (char)128 => ch.ToString(),
                _ => $"[U+{(int)ch:X4}]", // pdflatex has no glyph for arbitrary characters
            });
        return s.ToString();
    }
}
