using CriterionCheck.Models;
using CriterionCheck.Symbolics.Printing;

namespace CriterionCheck.EntropySum;

/// <summary>
/// How formulas are written, in text (spec syntax where the value is an expression) and in LaTeX (the
/// paper's notation): the general form with H[·] placeholders, and the model-specific form with the
/// derived entropies in their place.
/// </summary>
public static class FormulaNotation
{
    /// <summary>"p(x | z)" (text) or "p_\Theta(x \mid z)" (LaTeX) for a factor.</summary>
    public static string Distribution(Model model, string factor, bool latex)
    {
        var f = model.Factors.Single(x => x.Variable == factor);
        var v = latex ? LatexPrinter.Name(f.Variable) : f.Variable;
        if (f.Parents.IsEmpty) return latex ? $"p_\\Theta({v})" : $"p({v})";
        var parents = string.Join(", ", f.Parents.Select(p => latex ? LatexPrinter.Name(p) : p));
        return latex ? $"p_\\Theta({v} \\mid {parents})" : $"p({v} | {parents})";
    }

    /// <summary>The placeholder a factor term stands for: H[p(x | z)], H~[p(x | c)] or log h(x), in text or LaTeX.</summary>
    public static string Placeholder(EntropySumFormula formula, EntropyTerm term, bool latex) => term.Kind switch
    {
        TermKind.BaseMeasure => latex ? $"\\log h({LatexPrinter.Name(term.Factor!)})" : $"log h({term.Factor})",
        TermKind.PseudoEntropy => latex ? $"\\tilde{{\\mathcal{{H}}}}[{Distribution(formula.Model, term.Factor!, true)}]" : $"H~[{Distribution(formula.Model, term.Factor!, false)}]",
        _ => latex ? $"\\mathcal{{H}}[{Distribution(formula.Model, term.Factor!, true)}]" : $"H[{Distribution(formula.Model, term.Factor!, false)}]",
    };

    /// <summary>The term in the general form, e.g. E_qbar[H[p(x | z)]] or \frac{1}{N}\sum_n \log h(x^{(n)}).</summary>
    public static string General(EntropySumFormula formula, EntropyTerm term, bool latex)
    {
        var model = formula.Model;
        if (term.Kind == TermKind.VariationalEntropy)
        {
            var latents = string.Join(", ", term.Over.Select(l => latex ? LatexPrinter.Name(l) : l));
            return latex ? $"\\frac{{1}}{{N}}\\sum_{{n=1}}^{{N}} \\mathcal{{H}}[q^{{(n)}}_\\Phi({latents})]" : $"(1/N) sum_n H[q_n({latents})]";
        }
        string inner;
        if (term.Kind == TermKind.BaseMeasure)
        {
            var v = latex ? LatexPrinter.Name(term.Factor!) : term.Factor!;
            if (term.Averaging == Averaging.Data) return latex ? $"\\frac{{1}}{{N}}\\sum_{{n=1}}^{{N}} \\log h({v}^{{(n)}})" : $"(1/N) sum_n log h({v}_n)";
            inner = latex ? $"\\log h({v})" : $"log h({v})";
        }
        else
        {
            var h = term.Kind == TermKind.PseudoEntropy ? (latex ? "\\tilde{\\mathcal{H}}" : "H~") : (latex ? "\\mathcal{H}" : "H");
            inner = $"{h}[{Distribution(model, term.Factor!, latex)}]";
        }
        return Averaged(formula, term, inner, latex, compound: false);
    }

    /// <summary>The term's value in the model's own parameters, averaged as the term says.</summary>
    public static string Specific(EntropySumFormula formula, EntropyTerm term, bool latex)
    {
        if (term.Kind == TermKind.VariationalEntropy || term.Averaging == Averaging.Data) return General(formula, term, latex);
        var display = term.Display!;
        return Averaged(formula, term, latex ? display.Latex() : display.Text(), latex, display.IsCompound);
    }

    /// <summary>"F = a − b − c", general (<paramref name="specific"/> false) or model-specific.</summary>
    public static string Equation(EntropySumFormula formula, bool latex, bool specific)
    {
        var lhs = latex ? "\\mathcal{F}(\\Phi,\\Theta)" : "F";
        var parts = new List<string>();
        foreach (var original in formula.Terms)
        {
            var term = original;
            // − Σ_k (−π_k log π_k) reads better as + Σ_k π_k log π_k.
            if (specific && term.Sign < 0 && term.Averaging == Averaging.None && term.Display?.Negated() is { } negated)
                term = term with { Sign = 1, Display = negated };
            var text = specific ? Specific(formula, term, latex) : General(formula, term, latex);
            var negativeInside = text.StartsWith('-');
            // A shown value that starts with a minus sign gets brackets after a minus sign.
            if (term.Sign < 0 && negativeInside) text = latex ? $"\\left({text}\\right)" : $"({text})";
            parts.Add(parts.Count == 0 ? (term.Sign < 0 ? "-" + text : text) : (term.Sign < 0 ? " - " : " + ") + text);
        }
        return $"{lhs} = {string.Concat(parts)}";
    }

    private static string Averaged(EntropySumFormula formula, EntropyTerm term, string inner, bool latex, bool compound)
    {
        if (term.Averaging != Averaging.AggregatePosterior || term.Over.IsEmpty) return inner;
        var model = formula.Model;
        var categorical = term.Over.Select(o => model.Factors.Single(f => f.Variable == o)).ToList();
        if (categorical.Count == 1 && categorical[0].IsCategorical)
        {
            var c = categorical[0].Variable;
            var size = CategoryDimension(model, categorical[0]);
            return latex
                ? $"\\sum_{{{LatexPrinter.Name(c)}=1}}^{{{LatexPrinter.Name(size)}}} \\bar{{q}}_\\Phi({LatexPrinter.Name(c)})\\, {(compound ? $"\\left({inner}\\right)" : inner)}"
                : $"sum({c} in {size}, qbar({c}) * {(compound ? $"({inner})" : inner)})";
        }
        return latex ? $"\\mathbb{{E}}_{{\\bar{{q}}_\\Phi}}\\left\\{{{inner}\\right\\}}" : $"E_qbar[{inner}]";
    }

    /// <summary>
    /// The formula as LaTeX lines for <c>align*</c>: the general form, each factor's entropy, the
    /// substituted sum and, with <paramref name="exact"/>, the exact-posterior closed form and its definitions.
    /// </summary>
    public static List<string> LatexLines(EntropySumFormula formula, bool exact)
    {
        var lines = new List<string> { Aligned(Equation(formula, latex: true, specific: false)) };
        lines.AddRange(formula.Terms.Where(t => t.Kind != TermKind.VariationalEntropy).Select(t => $"{Placeholder(formula, t, true)} &= {t.Display!.Latex()}"));
        lines.Add(Aligned(Equation(formula, latex: true, specific: true)));
        if (exact && formula.ExactPosterior is { } form)
        {
            lines.Add(Aligned(form.Latex()));
            lines.AddRange(form.Definitions(formula.Model).Select(d => Aligned(d.Latex)));
        }
        return lines;
    }

    // "a = b" becomes "a &= b" for align*.
    private static string Aligned(string equation)
    {
        var at = equation.IndexOf(" = ", StringComparison.Ordinal);
        return at < 0 ? equation : equation[..at] + " &= " + equation[(at + 3)..];
    }

    /// <summary>The name of a categorical latent's size: its weights' dimension, e.g. C.</summary>
    public static string CategoryDimension(Model model, Factor categorical)
    {
        var weights = categorical.Elements[0].Arguments.SelectMany(a => a.Symbols()).Select(s => s.Name).FirstOrDefault();
        var block = model.Parameters.FirstOrDefault(p => p.Name == weights);
        return block is { Shape.Length: > 0 } ? block.Shape[^1].Name : categorical.Family.Support.Size.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
