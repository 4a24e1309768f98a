using System.Text;
using CriterionCheck.EntropySum;
using CriterionCheck.Symbolics.Printing;
using CriterionCheck.Verification;

namespace CriterionCheck.Cli.Reports;

/// <summary>The LaTeX form of <c>formula</c>: an <c>align*</c> block to paste into a paper (needs amsmath).</summary>
public static class FormulaLatexReport
{
    /// <summary>The LaTeX for one spec.</summary>
    public static string Render(ModelCheck check, EntropySumFormula? formula, bool exact)
    {
        var s = new StringBuilder();
        s.Append($"% {check.Model.Title} ({check.Model.SourceName})\n");
        if (formula is null)
        {
            s.Append($"% no entropy-sum form: the criterion is {CheckTextReport.Name(check.Verdict)}\n");
            return s.ToString();
        }
        s.Append($"% Theorem {formula.Theorem}; holds {formula.Statement}\n");
        s.Append(Block(formula, exact));
        return s.ToString();
    }

    /// <summary>The align* block: general form, the model's entropies, the substituted sum (and the exact-posterior form).</summary>
    public static string Block(EntropySumFormula formula, bool exact)
    {
        var s = new StringBuilder();
        s.Append("\\begin{align*}\n");
        s.Append($"  {Aligned(FormulaNotation.Equation(formula, latex: true, specific: false))} \\\\\n");
        foreach (var term in formula.Terms.Where(t => t.Kind is TermKind.Entropy or TermKind.PseudoEntropy || t.Kind == TermKind.BaseMeasure))
            s.Append($"  {FormulaNotation.Placeholder(formula, term, true)} &= {term.Display!.Latex()} \\\\\n");
        s.Append($"  {Aligned(FormulaNotation.Equation(formula, latex: true, specific: true))}");
        if (exact && formula.ExactPosterior is { } form)
        {
            s.Append(" \\\\\n");
            s.Append($"  {Aligned(form.Latex())}");
            foreach (var (_, _, latex) in form.Definitions(formula.Model)) s.Append($" \\\\\n  {Aligned(latex)}");
        }
        s.Append("\n\\end{align*}\n");
        return s.ToString();
    }

    // "a = b" becomes "a &= b" for align*.
    private static string Aligned(string equation)
    {
        var at = equation.IndexOf(" = ", StringComparison.Ordinal);
        return at < 0 ? equation : equation[..at] + " &= " + equation[(at + 3)..];
    }
}
